/**
 * A zod schema built on first use. zod builds every schema object when its module loads: ~80
 * module-level schemas (messages, stored rows, rule packs) cost a content script about 20–40 ms
 * of the page's main thread before it could do anything, on every page. Wrapped here, a schema
 * costs nothing until something parses with it (or builds a schema from it).
 *
 * The returned value stands for the schema in every way the project uses one (parse, safeParse,
 * shape, options, extend, composition into other schemas, instanceof): a Proxy that forwards each
 * operation to the schema, built once.
 */
export function lazySchema<T extends object>(make: () => T): T {
  let real: T | undefined;
  const schema = (): T => (real ??= make());
  return new Proxy({} as T, {
    get: (_t, p) => {
      const r = schema();
      return Reflect.get(r, p, r);
    },
    has: (_t, p) => Reflect.has(schema(), p),
    ownKeys: () => Reflect.ownKeys(schema()),
    // Reported configurable: the stand-in target lacks the schema's own properties (a Proxy may not
    // report a non-configurable property its target does not have).
    getOwnPropertyDescriptor: (_t, p) => {
      const d = Reflect.getOwnPropertyDescriptor(schema(), p);
      return d && { ...d, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
    set: (_t, p, v) => Reflect.set(schema(), p, v),
    defineProperty: (_t, p, d) => Reflect.defineProperty(schema(), p, d),
    deleteProperty: (_t, p) => Reflect.deleteProperty(schema(), p),
  });
}
