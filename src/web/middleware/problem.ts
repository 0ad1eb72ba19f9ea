// Every error leaves as application/problem+json (RFC 9457) that says what to fix.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { type ErrorCode, isDomainError } from '../../domain/index.ts';
import type { ProblemJson } from '../presenters/schemas.ts';

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  incident_not_found: 404,
  timeline_entry_not_found: 404,
  action_not_found: 404,
  incident_already_resolved: 409,
  incident_not_resolved: 409,
  timeline_entry_not_editable: 409,
};

/** An error the web layer raises on purpose, with the status and parameter to report. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  404: 'Not found',
  409: 'Conflict',
  413: 'Content too large',
  415: 'Unsupported media type',
  500: 'Internal server error',
};

/** Sends a problem document. */
export const sendProblem = (res: Response, problem: Omit<ProblemJson, 'type' | 'title'> & { code: string }): void => {
  const body: ProblemJson = {
    type: `urn:incident-bot:problem:${problem.code}`,
    title: TITLES[problem.status] ?? 'Error',
    ...problem,
  };
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
};

/** 404 for any path nobody answered. */
export const notFound: RequestHandler = (req, res) =>
  sendProblem(res, { status: 404, code: 'not_found', detail: `Nothing at ${req.method} ${req.path}.` });

/** The last middleware: domain errors by code, bad JSON bodies as 400, anything else as a logged 500. */
export const problemHandler: ErrorRequestHandler = (error, req, res, _next) => {
  if (error instanceof HttpProblem) {
    return sendProblem(res, {
      status: error.status,
      code: error.code,
      detail: error.message,
      ...(error.parameter && { parameter: error.parameter }),
    });
  }
  if (isDomainError(error)) {
    return sendProblem(res, {
      status: STATUS_BY_CODE[error.code] ?? 400,
      code: error.code,
      detail: error.message,
      ...(error.field && { parameter: error.field }),
    });
  }
  if (error?.type === 'entity.parse.failed') {
    return sendProblem(res, { status: 400, code: 'body_invalid', detail: 'The request body is not valid JSON.' });
  }
  req.log?.error({ err: error }, 'request failed');
  if (res.headersSent) return;
  sendProblem(res, { status: 500, code: 'internal', detail: 'Something went wrong on our side; it has been logged.' });
};
