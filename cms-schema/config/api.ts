/**
 * REST API. `strictParams` rejects unknown query keys, so a client that sends a wrong
 * parameter (strapi-sdk-js' `state` instead of `status`) fails loudly instead of silently
 * getting drafts or published entries it did not ask for.
 */
export default {
  rest: {
    strictParams: true,
    defaultLimit: 25,
    maxLimit: 100,
    withCount: true,
  },
};
