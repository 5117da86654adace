export default defineBackground(() => {
  // Wiring arrives with the extension issue.
});
