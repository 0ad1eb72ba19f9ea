// Read-only endpoints in the JSON shapes of Monzo's Response (/core/incidents/…), for teams moving over.
import { Router } from 'express';

/** Dependencies of the legacy endpoints, filled in with them. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in with the legacy endpoints
export interface LegacyDeps {}

/** The /core routes. */
export const legacyRoutes = (_deps: LegacyDeps): Router => Router();
