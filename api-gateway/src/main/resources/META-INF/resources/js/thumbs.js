// Thumbnail sizes (thumbnail-service's names) and the displayed shape of an item.

const FITS = [['fit-720', 720], ['fit-1280', 1280], ['fit-1920', 1920]];
const ON_DEMAND = [['fit-2560', 2560], ['fit-3840', 3840]];

/** The smallest fit preview whose long edge covers `cssPixels` at this screen's pixel density. */
export function fitFor(cssPixels, {large = false} = {}) {
  const needed = cssPixels * (window.devicePixelRatio || 1);
  const sizes = large ? FITS.concat(ON_DEMAND) : FITS;
  const found = sizes.find(([, edge]) => edge >= needed);
  return (found || sizes[sizes.length - 1])[0];
}

/** Width and height as shown: stored dimensions, swapped for EXIF orientations 5-8 (90° turns). */
export function displayed(item) {
  let w = item.width > 0 ? item.width : 4;
  let h = item.height > 0 ? item.height : 3;
  if (item.orientation >= 5 && item.orientation <= 8) [w, h] = [h, w];
  return {w, h};
}

export function hasThumbnail(item) {
  return item.thumbnailStatus === 'DONE';
}

/** Thumbnails of the signed-in library: content-addressed, so the browser (and a CDN) may keep them for good. */
export const librarySource = {
  url(item, size) {
    return hasThumbnail(item) && item.contentHash
      ? `/api/v1/thumbnails/${encodeURIComponent(item.contentHash)}/${size}` : null;
  },
  /** The transcode, or the original where it plays as is (the gateway chooses). */
  video(item) {
    return `/api/v1/media/${item.id}/video`;
  },
};

/** Thumbnails through a share link (the holder never learns content hashes). */
export function sharedSource(token) {
  return {
    url(item, size) {
      return hasThumbnail(item)
        ? `/api/v1/shared/${encodeURIComponent(token)}/items/${item.id}/thumbnails/${size}` : null;
    },
    video(item) {
      return `/api/v1/shared/${encodeURIComponent(token)}/items/${item.id}/video`;
    },
  };
}

export function describe(item) {
  const what = item.kind === 'VIDEO' ? 'Video' : 'Photo';
  const when = item.takenAt ? new Date(item.takenAt).toLocaleString() : 'unknown date';
  return item.fileName ? `${what} ${item.fileName}, ${when}` : `${what}, ${when}`;
}
