vcl 4.1;

# Varnish in front of the site server (server/src/varnish.ts fills in the backend). The site
# server says how long each answer may be kept (server/src/cache-policy.ts); the publisher
# purges what each switch of the live release changed (server/src/shared-cache.ts) through
# PURGE of one URL, or of everything with X-Purge-All: 1, accepted from the purgers' addresses only.

backend site {
  .host = "{{BACKEND_HOST}}";
  .port = "{{BACKEND_PORT}}";
}

acl purgers {
  "127.0.0.1";
  "::1";
{{PURGERS}}
}

sub vcl_recv {
  if (req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(405, "Not allowed"));
    }
    if (req.http.X-Purge-All == "1") {
      ban("obj.status != 0");
      return (synth(200, "Banned"));
    }
    set req.url = regsub(req.url, "\?.*$", "");
    return (purge);
  }
  # The CMS's hook, the operators' status, view beacons and draft previews: never cached, never shared.
  if (req.url ~ "^/(_hooks|_beacon|preview)(/|$)") {
    return (pass);
  }
  # The site is static: a query string changes nothing the server answers, so every spelling
  # (?utm_source=...) is one object, and one purge reaches every reader.
  set req.url = regsub(req.url, "\?.*$", "");
  # Nothing a reader's browser holds changes a page: no cookie splits or bypasses the cache.
  unset req.http.Cookie;
  unset req.http.Authorization;
}

sub vcl_hash {
  # One site per cache: the URL alone names an answer (a purge need not know the Host readers used).
  hash_data(req.url);
  return (lookup);
}

sub vcl_deliver {
  # Lets tests and operators see whether an answer came from the cache.
  if (obj.hits > 0) {
    set resp.http.X-Cache = "HIT";
  } else {
    set resp.http.X-Cache = "MISS";
  }
}
