/** Serving the built web portal (apps/web/dist) with a single-page-app fallback. */
import { existsSync } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

export function hasWebBuild(dir: string): boolean {
  return existsSync(`${dir}/index.html`);
}

/** Decorates reply.sendFile; the routes that use it are in routes/web.ts. */
export async function registerWebFiles(app: FastifyInstance, dir: string): Promise<void> {
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
