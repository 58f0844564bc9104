const config = JSON.parse("{ not json");

export default {
  fetch: () => new Response(String(config)),
};
