import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBody } from "../../contracts/common.ts";
import {
  AnalysisRun,
  AnalyzeTextBody,
  AnalyzeTextResult,
  NewAnalysisRun,
  TicketImportResult,
  TicketList,
  TicketListQuery,
} from "../../contracts/tickets.ts";
import { HoldfastError } from "../../core/errors.ts";
import { bufferSource } from "../../ingest/csv/sources.ts";
import { cancelAnalysisRun, getAnalysisRun, startAnalysisRun } from "../../usecases/analysis-runs.ts";
import { importTickets } from "../../usecases/import-tickets.ts";
import { listTickets } from "../../usecases/list-tickets.ts";
import { createTicketAnalyzer } from "../../usecases/ticket-analyzer.ts";
import { actorOf, orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

export const ticketRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };
  const analyzer = createTicketAnalyzer(deps.config.tickets);

  app.post(
    "/tickets/analyze",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["tickets"],
        summary: "Analyze pasted ticket text with the configured analyzer (nothing is stored)",
        body: AnalyzeTextBody,
        response: { 200: AnalyzeTextResult, ...errors },
      },
    },
    async (req) => {
      const r = await analyzer.analyze(req.body.text);
      return r.ok
        ? { ...r.analysis, analyzer: r.analyzer, version: r.version }
        : { error: r.error, analyzer: r.analyzer, version: r.version };
    },
  );

  app.get(
    "/tickets",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["tickets"],
        summary: "Tickets with their analysis and linkage",
        querystring: TicketListQuery,
        response: { 200: TicketList, ...errors },
      },
    },
    async (req) => {
      const q = req.query;
      const rows = await listTickets(deps.ctx, orgOf(req), {
        linked: q.linked === undefined ? undefined : q.linked === "true",
        churnIntent: q.churn_intent === undefined ? undefined : q.churn_intent === "true",
        limit: q.limit,
      });
      return { items: rows };
    },
  );

  app.post(
    "/tickets/upload",
    {
      preHandler: requirePermission("import"),
      schema: {
        tags: ["tickets"],
        summary:
          "Import a ticket CSV (multipart, one file): subject + body or the best text column; linked by id or email domain",
        consumes: ["multipart/form-data"],
        response: { 200: TicketImportResult, 422: ErrorBody, ...errors },
      },
    },
    async (req) => {
      if (!req.isMultipart())
        throw new HoldfastError("invalid_input", "send multipart/form-data with one CSV file");
      const file = await req.file();
      if (!file) throw new HoldfastError("invalid_input", "no file in the upload");
      const bytes = await file.toBuffer();
      const r = await importTickets(deps.ctx, orgOf(req), bufferSource(file.filename, bytes), {
        actor: actorOf(req),
        sourceLabel: `upload: ${file.filename}`,
      });
      return {
        import_id: r.importId,
        status: r.status,
        rows: r.rows,
        preview: r.preview,
        linked: r.linked,
        unlinked: r.unlinked,
        truncated: r.truncated,
      };
    },
  );

  const RunId = z.object({ id: z.string().regex(/^\d{1,15}$/, "expected a run id (digits)") });
  app.post(
    "/tickets/analysis-runs",
    {
      preHandler: requirePermission("act"),
      schema: {
        tags: ["tickets"],
        summary: "Start analyzing the stored tickets not yet analyzed (then the org is rescored)",
        body: NewAnalysisRun,
        response: { 202: AnalysisRun, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const run = await startAnalysisRun(deps.ctx, orgOf(req), {
        ...(b.limit ? { batchLimit: b.limit } : {}),
        ...(b.timeout_seconds ? { timeoutSeconds: b.timeout_seconds } : {}),
        ...(b.concurrency ? { concurrency: b.concurrency } : {}),
      });
      deps.wake?.();
      return reply.status(202).send(run);
    },
  );
  app.get(
    "/tickets/analysis-runs/:id",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["tickets"],
        summary: "Progress of a run",
        params: RunId,
        response: { 200: AnalysisRun, 404: ErrorBody, ...errors },
      },
    },
    async (req) => {
      return getAnalysisRun(deps.ctx, orgOf(req), req.params.id);
    },
  );
  app.delete(
    "/tickets/analysis-runs/:id",
    {
      preHandler: requirePermission("act"),
      schema: {
        tags: ["tickets"],
        summary: "Cancel a run (tickets done so far are kept)",
        params: RunId,
        response: { 200: AnalysisRun, 404: ErrorBody, ...errors },
      },
    },
    async (req) => {
      return cancelAnalysisRun(deps.ctx, orgOf(req), req.params.id);
    },
  );
};
