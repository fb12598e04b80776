import cors from 'cors';
import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Security headers for every response. The CSP allows only our own scripts (the Svelte build has
 * no inline script), no framing by anyone, and no request to another origin.
 */
export function securityHeaders(): RequestHandler {
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
    hsts: false, // the TLS terminator in front of the app sets it
  });
}

/** CORS is closed unless CORS_ORIGINS lists the sites that may call the API with cookies. */
export function corsPolicy(origins: readonly string[]): RequestHandler | null {
  if (origins.length === 0) return null;
  return cors({ origin: [...origins], credentials: true });
}
