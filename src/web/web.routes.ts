import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { AccountPagesController } from './account/account-pages.controller';
import { BidDocumentsController } from './applicant/bid-documents.controller';
import { BidPagesController } from './applicant/bid-pages.controller';
import { AssetsController } from './assets/assets.controller';
import { VerifyPagesController } from './public/verify-pages.controller';
import { PublicPagesController } from './public/public-pages.controller';

/** Every controller of the web interface. Its routes are served at the root, outside the API's /api/v1 prefix. */
export const WEB_CONTROLLERS: Type[] = [
  PublicPagesController,
  VerifyPagesController,
  AccountPagesController,
  BidPagesController,
  BidDocumentsController,
  AssetsController,
];

/** A route as setGlobalPrefix's `exclude` takes it. */
export interface ExcludedRoute {
  path: string;
  method: RequestMethod;
}

const segments = (path: unknown): string[] => (typeof path === 'string' ? path.split('/').filter(Boolean) : []);

/** path-to-regexp's special characters, escaped so the pattern matches the declared path as literal text. */
const literal = (path: string) => path.replace(/[{}()[\]+?!:*\\]/g, '\\$&');

/**
 * The exclusions from the global prefix that move exactly the web routes to the root. Nest matches exclusions
 * against each route's declared path (controller path + method path, as written), so a plain "programmes/:id"
 * would also pull the API's own "programmes/:id" out of /api/v1. Each page route is therefore excluded by its
 * declared path as literal text and by its method. A page route must still not be declared with the very text of
 * an API route of the same method (name its parameters differently, e.g. `:programme`, not `:id`):
 * assertPagesAloneOutsideApi refuses to start in that case. New routes in WEB_CONTROLLERS need no further wiring.
 */
export function webRouteExclusions(controllers: Type[] = WEB_CONTROLLERS): ExcludedRoute[] {
  return controllers.flatMap((controller) => {
    const controllerPaths = [Reflect.getMetadata(PATH_METADATA, controller)].flat();
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype).flatMap((name) => {
      const handler = prototype[name];
      if (typeof handler !== 'function' || !Reflect.hasMetadata(METHOD_METADATA, handler)) return [];
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      return controllerPaths.flatMap((controllerPath) =>
        [Reflect.getMetadata(PATH_METADATA, handler)].flat().map((methodPath) => ({
          path: literal('/' + [...segments(controllerPath), ...segments(methodPath)].join('/')),
          method,
        })),
      );
    });
  });
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Refuses to start when an API route left /api/v1 together with a page route declared with the same text: the
 * same method and path would then be mounted twice at the root, and the first one registered would answer.
 */
export function assertPagesAloneOutsideApi(stack: RouterLayer[]) {
  const counts = new Map<string, number>();
  for (const { route } of stack) {
    // A controller method is mounted with its one HTTP method; Nest's not-found handlers answer every method.
    const methods = Object.keys(route?.methods ?? {});
    if (!route || route.path.startsWith('/api/') || methods.length !== 1) continue;
    const key = `${methods[0].toUpperCase()} ${route.path}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const twice = [...counts].filter(([, count]) => count > 1).map(([key]) => key);
  if (twice.length > 0) {
    throw new Error(
      `Page routes declared with the same path as API routes, which therefore lost their /api/v1 prefix: ${twice.join(', ')}. ` +
        'Name the page route parameters differently from the API ones.',
    );
  }
}
