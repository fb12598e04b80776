import cors from 'cors';
import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Security headers for every response. The CSP allows only our own scripts (the Svelte build has
 * no inline script), no framing by anyone, and no request to another origin. HSTS goes with
 * COOKIE_SECURE (config sets hstsMaxAgeSeconds to 0 without it): browsers then never try plain HTTP.
 */
export function securityHeaders({ hstsMaxAgeSeconds }: { hstsMaxAgeSeconds: number }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Svelte transitions and chart sizing set style attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: hstsMaxAgeSeconds > 0 ? { maxAge: hstsMaxAgeSeconds, includeSubDomains: false } : false,
  });
}

/** CORS is closed unless CORS_ORIGINS lists the sites that may call the API with cookies. */
export function corsPolicy(origins: readonly string[]): RequestHandler | null {
  if (origins.length === 0) return null;
  return cors({ origin: [...origins], credentials: true });
}
