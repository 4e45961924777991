/**
 * REST API. `strictParams` rejects unknown query keys, so a client that sends a wrong
 * parameter (strapi-sdk-js' `state` instead of `status`) fails loudly instead of silently
 * getting drafts or published entries it did not ask for. `maxLimit` lets the site's build
 * list what changed (documentId and updatedAt only) 1,000 entries per request; the public
 * role reads nothing, so only the read-only token can ask for pages that large.
 */
export default {
  rest: {
    strictParams: true,
    defaultLimit: 25,
    maxLimit: 1000,
    withCount: true,
  },
};
