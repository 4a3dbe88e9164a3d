import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, apiErrors } from '../store/api-error';
import { sendJson } from './http-io';

/**
 * Skiff's own read-only path: which of some images the local engine has, and whether any registry has them
 * (promote warns before it applies a manifest whose image another cluster cannot pull).
 * `GET …/localimages?image=web:v1&image=nginx:1.27` → `{ items: [{ image, present, repoDigests }] }`.
 */
export const LOCAL_IMAGES_PATH = '/apis/ui.skiff.io/v1/localimages';

const MAX_IMAGES = 100;

export type RepoDigestsOf = (reference: string) => Promise<string[] | undefined>;

export async function sendLocalImages(
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  repoDigests: RepoDigestsOf | undefined,
): Promise<void> {
  if (req.method !== 'GET')
    throw apiErrors.methodNotAllowed(`${req.method} is not supported on ${LOCAL_IMAGES_PATH}`);
  if (!repoDigests) throw new ApiError(404, 'NotFound', 'this Skiff has no local engine to ask about images');
  const images = [...new Set(query.getAll('image'))];
  if (images.length > MAX_IMAGES)
    throw new ApiError(
      400,
      'BadRequest',
      `image: at most ${MAX_IMAGES} images per request, got ${images.length}`,
    );
  if (images.some((image) => !image || image.length > 512))
    throw new ApiError(400, 'BadRequest', 'image: each image must be a non-empty reference such as web:v1');
  const items = await Promise.all(
    images.map(async (image) => {
      const digests = await repoDigests(image).catch(() => undefined);
      return { image, present: digests !== undefined, repoDigests: digests ?? [] };
    }),
  );
  sendJson(res, 200, { items });
}
