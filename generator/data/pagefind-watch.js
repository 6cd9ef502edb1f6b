// papershelf (prepended by the build to Pagefind 1.5.2's worker): Pagefind takes an index chunk that
// failed to load as loaded, and its results are then missing without a word. This tells the page
// (assets/search.js, on the same channel) of every chunk request that failed, so it can say so.
(() => {
  const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("papershelf-search") : null;
  const original = self.fetch;
  if (!channel || typeof original !== "function") return;
  const tell = (input) => channel.postMessage({ failed: String((input && input.url) || input) });
  self.fetch = async (input, init) => {
    let response;
    try {
      response = await original(input, init);
    } catch (error) {
      tell(input);
      throw error;
    }
    if (!response.ok) tell(input);
    return response;
  };
})();
