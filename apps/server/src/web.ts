/** Serving the built web portal (apps/web/dist) with a single-page-app fallback. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Same relative place from the sources (apps/server/src) and the bundle (apps/server/dist). */
export function webDistDir(): string {
  return fileURLToPath(new URL('../../web/dist/', import.meta.url));
}

export function hasWebBuild(dir = webDistDir()): boolean {
  return existsSync(`${dir}/index.html`);
}

/** Decorates reply.sendFile; the routes that use it are registered in routes.ts. */
export async function registerWebFiles(app: FastifyInstance, dir = webDistDir()): Promise<void> {
  await app.register(fastifyStatic, {
    root: dir,
    serve: false,
    cacheControl: false,
    etag: true,
    lastModified: false,
  });
}

export function sendIndex(reply: FastifyReply): FastifyReply {
  // The shell must always be fresh: it names the hashed bundles of the current release.
  return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
}

export function sendAsset(reply: FastifyReply, path: string): FastifyReply {
  // Vite puts a content hash in every asset name, so they never change under one URL.
  return reply.header('Cache-Control', 'public, max-age=31536000, immutable').sendFile(path);
}
