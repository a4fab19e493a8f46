import type { z } from 'zod';
import {
  errorSchema,
  eventSchema,
  extensionListingSchema,
  healthSchema,
  hostInventorySchema,
  hostsQuerySchema,
  listQuerySchema,
  submitBodySchema,
  workflowDetailSchema,
  workflowPageSchema,
  workflowSchema,
} from './schemas';

/** One route of the API as documented: the handlers validate with these same schemas. */
export interface RouteDoc {
  method: 'get' | 'post';
  path: string;
  summary: string;
  description?: string;
  auth: boolean;
  body?: z.ZodType;
  query?: z.ZodType;
  headers?: Array<{ name: string; description: string }>;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
}

const notFound = { description: 'No such workflow.', schema: errorSchema };
const conflict = {
  description: 'The workflow is not in a state that allows this (the message says which, and what to do).',
  schema: errorSchema,
};

export const ROUTES: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/workflows',
    summary: 'Submit a workflow',
    description:
      'Validates the document like `provisioning validate` does a workflows/*.yaml file and records it durably before answering; workers start its steps at once.',
    auth: true,
    body: submitBodySchema,
    headers: [
      {
        name: 'Idempotency-Key',
        description:
          'A resubmission with the same key returns the workflow the first one created (200 instead of 201), whatever its body.',
      },
    ],
    responses: {
      201: { description: 'Accepted and recorded.', schema: workflowSchema },
      200: {
        description: 'The workflow an earlier request with the same Idempotency-Key created.',
        schema: workflowSchema,
      },
      400: {
        description: 'The body is not a valid workflow; diagnostics say where and what.',
        schema: errorSchema,
      },
    },
  },
  {
    method: 'get',
    path: '/v1/workflows',
    summary: 'List workflows, newest first',
    auth: true,
    query: listQuerySchema,
    responses: {
      200: {
        description: 'A page of workflows; pass nextCursor as cursor for the next.',
        schema: workflowPageSchema,
      },
      400: { description: 'A bad query parameter.', schema: errorSchema },
    },
  },
  {
    method: 'get',
    path: '/v1/workflows/{id}',
    summary: 'A workflow with every step: state, attempts, outputs, errors',
    auth: true,
    responses: { 200: { description: 'The workflow.', schema: workflowDetailSchema }, 404: notFound },
  },
  {
    method: 'get',
    path: '/v1/workflows/{id}/events',
    summary: 'Follow a workflow as server-sent events',
    description:
      'Each event is `id: <seq>`, `event: <type>`, `data: <JSON event>`. The stream ends after the workflow reaches a final status. Reconnect with `Last-Event-ID` (or `?after=<seq>`) to resume without missing or repeating an event. With `Accept: application/json` the answer is instead `{"events": [...]}`, the events recorded so far, at once.',
    auth: true,
    headers: [{ name: 'Last-Event-ID', description: 'Resume after this event.' }],
    responses: {
      200: {
        description: 'A text/event-stream of events.',
        schema: eventSchema,
        contentType: 'text/event-stream',
      },
      404: notFound,
    },
  },
  ...(['cancel', 'resume', 'rollback'] as const).map((action): RouteDoc => ({
    method: 'post',
    path: `/v1/workflows/{id}/${action}`,
    summary: {
      cancel: 'Cancel: start no new step, abort the running ones',
      resume: 'Resume a failed or cancelled workflow from its last committed steps',
      rollback: 'Run the compensations of the succeeded steps, in reverse dependency order',
    }[action],
    auth: true,
    responses: {
      200: { description: 'The workflow after the change.', schema: workflowSchema },
      404: notFound,
      409: conflict,
    },
  })),
  {
    method: 'get',
    path: '/v1/hosts',
    summary: 'Hosts with the task services installed on them, and when',
    description:
      "Read from the workspace's state (what apply recorded), without loading the infra files or reaching any host: `provisioning taskserv status` compares with the hosts themselves.",
    auth: true,
    query: hostsQuerySchema,
    responses: {
      200: {
        description: 'Per infra, each host that has something installed, newest first.',
        schema: hostInventorySchema,
      },
      404: { description: 'No such infra.', schema: errorSchema },
    },
  },
  {
    method: 'get',
    path: '/v1/extensions',
    summary: 'The extension catalog: every version each source offers, and the one in use',
    description:
      "As `provisioning extension list`: linked folders, the workspace's and the user's installs, then the built-ins.",
    auth: true,
    responses: { 200: { description: 'The catalog.', schema: extensionListingSchema } },
  },
  {
    method: 'get',
    path: '/v1/health',
    summary: 'Liveness (no token needed)',
    auth: false,
    responses: {
      200: { description: 'The orchestrator answers and its store is reachable.', schema: healthSchema },
      503: { description: 'The store does not answer.', schema: errorSchema },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics: queue depth, steps by state, step durations',
    auth: true,
    responses: {
      200: {
        description: 'Prometheus text exposition format 0.0.4.',
        contentType: 'text/plain; version=0.0.4',
      },
    },
  },
  {
    method: 'get',
    path: '/',
    summary: 'The control center: a web page over this API (no token needed to load it)',
    description:
      'The page and its script and style (`/control-center/app.js`, `/control-center/app.css`) hold no data; the page asks for the token, keeps it in the tab (sessionStorage) and calls the API with it. docs/control-center.md.',
    auth: false,
    responses: {
      200: { description: 'The page.', contentType: 'text/html' },
      404: { description: 'The control center was not built with this orchestrator.', schema: errorSchema },
    },
  },
  {
    method: 'get',
    path: '/v1/openapi.json',
    summary: 'This document',
    auth: true,
    responses: { 200: { description: 'OpenAPI 3.1.' } },
  },
];
