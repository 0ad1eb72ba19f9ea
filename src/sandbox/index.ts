// The sandbox Slack: a stateful local stand-in for Slack's Web API, Events API and interactivity.
// Imported only by wiring and tests (ARCHITECTURE.md); node built-ins only, so it runs without dev deps.
export { type DemoCast, playDemo } from './demo.ts';
export { createSandboxSlack } from './sandbox.ts';
export { slackSignature } from './signing.ts';
export type {
  Delivery,
  EventDelivery,
  SandboxCall,
  SandboxChannel,
  SandboxEphemeral,
  SandboxFault,
  SandboxHandler,
  SandboxMessage,
  SandboxOptions,
  SandboxReply,
  SandboxSlack,
  SandboxUser,
  SandboxView,
} from './types.ts';
