// /assets/…: GOV.UK Frontend's CSS, JS, fonts and images and our own files, all from our origin (the
// CSP allows no other). Pages link them with `?v=<hash of the files>`, so they are cached for a year.
import { join } from 'node:path';
import express, { type Response, Router } from 'express';
import { ASSETS_DIR, GOVUK_DIST, GOVUK_FILES, OWN_FILES } from '../../render/templates.ts';

const YEAR_SECONDS = 31_536_000;

const longCache = (res: Response) => {
  res.set('Cache-Control', `public, max-age=${YEAR_SECONDS}, immutable`);
};

/** The asset routes; readable without signing in (the sign-in pages may use them too). */
export const assetRoutes = (): Router => {
  const router = Router();
  const options = { index: false, fallthrough: true, immutable: true, maxAge: YEAR_SECONDS * 1000, dotfiles: 'deny' };
  // Named files only: the rest of those folders (Sass, Nunjucks sources) is not for browsers.
  for (const file of GOVUK_FILES) {
    router.get(`/assets/${file}`, (_req, res, next) => {
      longCache(res);
      res.sendFile(join(GOVUK_DIST, 'govuk', file), { maxAge: YEAR_SECONDS * 1000, immutable: true }, (error) => {
        if (error) next(error);
      });
    });
  }
  for (const file of OWN_FILES) {
    router.get(`/assets/${file}`, (_req, res, next) => {
      longCache(res);
      res.sendFile(join(ASSETS_DIR, file), { maxAge: YEAR_SECONDS * 1000, immutable: true }, (error) => {
        if (error) next(error);
      });
    });
  }
  // Fonts and images the GOV.UK stylesheet refers to (/assets/fonts/…, /assets/images/…).
  router.use('/assets/fonts', express.static(join(GOVUK_DIST, 'govuk', 'assets', 'fonts'), options));
  router.use('/assets/images', express.static(join(GOVUK_DIST, 'govuk', 'assets', 'images'), options));
  return router;
};
