import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
// Only the folder of its files: the package's main module evaluates the whole 1.5 MB UI bundle (40 MB of the server's memory).
import swaggerUiFolder from 'swagger-ui-dist/absolute-path.js';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { apiKeysRoutes } from './modules/apikeys/index.ts';
import { attachmentsRoutes } from './modules/attachments/index.ts';
import { backupRoutes } from './modules/backup/index.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { authRoutes } from './modules/auth/index.ts';
import { contactsOwnership, contactsRoutes } from './modules/contacts/index.ts';
import { customFieldsRoutes } from './modules/custom-fields/index.ts';
import { customersOwnership, customersRoutes } from './modules/customers/index.ts';
import { followupsOwnership, followupsRoutes, registerLeadVisibility } from './modules/followups/index.ts';
import { findVisibleLead, leadsOwnership, leadsRoutes, takeSourceCampaign } from './modules/leads/index.ts';
import { notificationsRoutes } from './modules/notifications/index.ts';
import { opportunitiesOwnership, opportunitiesRoutes } from './modules/opportunities/index.ts';
import { dailyReportsRoutes } from './modules/daily-reports/index.ts';
import { homeRoutes } from './modules/home/index.ts';
import { reportRoutes, savedReportCallListSource } from './modules/reports/index.ts';
import { dashboardRoutes } from './modules/dashboards/index.ts';
import { analysesRoutes } from './modules/analyses/index.ts';
import { searchRoutes } from './modules/search/index.ts';
import { customerOverviewRoutes } from './modules/customer-overview/index.ts';
import { setupRoutes } from './modules/setup/index.ts';
import { calendarRoutes } from './modules/calendar/index.ts';
import { mailRoutes } from './modules/mail/index.ts';
import { webhooksRoutes } from './modules/webhooks/index.ts';
import { productsRoutes } from './modules/products/index.ts';
import { quoteApprovable, quotesOwnership, quotesRoutes } from './modules/quotes/index.ts';
import { approvalsRoutes, registerApprovable } from './modules/approvals/index.ts';
import { inventoryRoutes } from './modules/inventory/index.ts';
import {
  onTicketResolved,
  registerTicketEmailReplier,
  ticketsOwnership,
  ticketsRoutes,
} from './modules/tickets/index.ts';
import { knowledgeRoutes } from './modules/knowledge/index.ts';
import { assetsRoutes } from './modules/assets/index.ts';
import { workOrdersOwnership, workOrdersRoutes } from './modules/work-orders/index.ts';
import { portalAccessRoutes, portalRoutes } from './modules/portal/index.ts';
import { sendTicketSurvey, surveysRoutes } from './modules/surveys/index.ts';
import { strategiesRoutes } from './modules/strategies/index.ts';
import { orderApprovable, ordersOwnership, ordersRoutes } from './modules/orders/index.ts';
import { invoiceRequestApprovable, paymentsRoutes, refundApprovable } from './modules/payments/index.ts';
import { financeRoutes } from './modules/finance/index.ts';
import { contractApprovable, contractsOwnership, contractsRoutes } from './modules/contracts/index.ts';
import { performanceRoutes } from './modules/performance/index.ts';
import { commissionRoutes, statementApprovable } from './modules/commission/index.ts';
import { campaignsOwnership, campaignsRoutes, onCampaignMembersAdded } from './modules/campaigns/index.ts';
import { poolRoutes } from './modules/pool/index.ts';
import { segmentCallListSource, segmentsRoutes } from './modules/segments/index.ts';
import { webFormsRoutes } from './modules/web-forms/index.ts';
import { assignmentRulesRoutes } from './modules/assignment-rules/index.ts';
import { scoringRoutes } from './modules/scoring/index.ts';
import { membershipRoutes } from './modules/membership/index.ts';
import { emailTemplatesRoutes } from './modules/email-templates/index.ts';
import { campaignEmailsRoutes, recordDeliveryReport, takeMailedUnsubscribes } from './modules/campaign-emails/index.ts';
import { campaignSequencesRoutes } from './modules/campaign-sequences/index.ts';
import { tasksOwnership, tasksRoutes } from './modules/tasks/index.ts';
import { timelineRoutes } from './modules/timeline/index.ts';
import { mailboxesRoutes, onDeliveryReport, onReceivedMail, replyToTicketByEmail } from './modules/mailboxes/index.ts';
import { smsRoutes } from './modules/sms/index.ts';
import { consentRoutes } from './modules/consent/index.ts';
import { ctiRoutes, startCtiConnections, stopCtiConnections } from './modules/cti/index.ts';
import { callListsOwnership, callListsRoutes, registerCallListSource } from './modules/call-lists/index.ts';
import { departmentsRoutes } from './modules/departments/index.ts';
import { dictionariesRoutes } from './modules/dictionaries/index.ts';
import { exportsRoutes } from './modules/exports/index.ts';
import { healthRoutes } from './modules/health/index.ts';
import { importsRoutes } from './modules/imports/index.ts';
import { recycleBinRoutes } from './modules/recycle-bin/index.ts';
import { rolesRoutes } from './modules/roles/index.ts';
import { savedFiltersRoutes } from './modules/saved-filters/index.ts';
import { settingsRoutes } from './modules/settings/index.ts';
import { usersRoutes } from './modules/users/index.ts';
import { installAuthentication } from './platform/authenticate.ts';
import type { AppContext } from './platform/context.ts';
import { installErrorHandler } from './platform/error-handler.ts';
import { installUnitOfWork } from './platform/request-unit.ts';
import { installReadYourWrites } from './platform/read-your-writes.ts';
import { watchReplica } from './platform/replica-log.ts';
import { installRateLimits } from './platform/rate-limits.ts';
import { installSecurityHeaders } from './platform/security-headers.ts';
import { buildOpenApiDocument } from './platform/openapi.ts';
import { startPushChannel } from './platform/push-channel.ts';
import { defaultPushHub, type PushHub, usePushHub } from './platform/user-push.ts';

const webDist = path.resolve(fileURLToPath(new URL('../../web/dist', import.meta.url)));

export type RouteEntry = { method: string; url: string; access: string | undefined };

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

export type BuildOptions = {
  config: Config;
  database: Database;
  logger?: boolean | object;
  serveWeb?: boolean;
  /** The open streams of this instance; a second instance in the same process (a test) brings its own. */
  pushHub?: PushHub;
};

/** Builds the application: plugins, authentication, every module's routes, docs and the web app. */
export async function buildApp({
  config,
  database,
  logger,
  serveWeb = true,
  pushHub = defaultPushHub,
}: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  });
  const ctx: AppContext = { db: database.db, dialect: database.dialect, config };

  // Every route must say who may call it; static files (docs assets, the web app) are public by nature.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const isStatic = route.url.startsWith('/api/docs/assets') || !route.url.startsWith('/api/');
    if (isStatic && !route.config?.access) route.config = { ...route.config, access: 'public' };
    routeTable.push({ method: String(route.method), url: route.url, access: route.config?.access });
  });

  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyMultipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 20 } });
  installErrorHandler(app);
  installAuthentication(app, ctx.db);
  installUnitOfWork(app);
  if (database.replica) installReadYourWrites(app, config.replica.readYourWritesMs);
  watchReplica(app, config, database);
  await installSecurityHeaders(app);
  await installRateLimits(app, config.rateLimits, ctx.db);
  // Events for users' open browsers reach every instance on PostgreSQL (LISTEN/NOTIFY, polling while down).
  const releaseHub = usePushHub(ctx.db, pushHub);
  if (database.dialect === 'postgres') {
    const channel = startPushChannel(ctx.db, config.databaseUrl, pushHub, {
      onError: (err) => app.log.warn({ err }, 'push channel: LISTEN connection or read failed'),
    });
    app.addHook('onClose', () => channel.close());
  }
  app.addHook('onClose', async () => releaseHub());

  healthRoutes(app, ctx);
  authRoutes(app, ctx);
  apiKeysRoutes(app, ctx);
  settingsRoutes(app, ctx);
  backupRoutes(app, ctx);
  dictionariesRoutes(app, ctx);
  departmentsRoutes(app, ctx);
  usersRoutes(app, ctx, [
    customersOwnership,
    contactsOwnership,
    leadsOwnership,
    opportunitiesOwnership,
    tasksOwnership,
    followupsOwnership,
    quotesOwnership,
    ordersOwnership,
    contractsOwnership,
    ticketsOwnership,
    workOrdersOwnership,
    campaignsOwnership,
    callListsOwnership,
  ]);
  rolesRoutes(app, ctx);
  customFieldsRoutes(app, ctx);
  customersRoutes(app, ctx);
  contactsRoutes(app, ctx);
  leadsRoutes(app, ctx);
  followupsRoutes(app, ctx);
  // Follow-ups may be about a lead, and a converted lead moves its follow-ups: leads plug in here.
  registerLeadVisibility(async (ctx, actor, leadId) => Boolean(await findVisibleLead(ctx, actor, leadId)));
  opportunitiesRoutes(app, ctx);
  poolRoutes(app, ctx);
  tasksRoutes(app, ctx);
  performanceRoutes(app, ctx);
  homeRoutes(app, ctx);
  dailyReportsRoutes(app, ctx);
  mailRoutes(app, ctx);
  webhooksRoutes(app, ctx);
  productsRoutes(app, ctx);
  quotesRoutes(app, ctx);
  registerApprovable(quoteApprovable);
  registerApprovable(orderApprovable);
  registerApprovable(contractApprovable);
  registerApprovable(refundApprovable);
  registerApprovable(invoiceRequestApprovable);
  registerApprovable(statementApprovable);
  contractsRoutes(app, ctx);
  ordersRoutes(app, ctx);
  inventoryRoutes(app, ctx);
  ticketsRoutes(app, ctx);
  // A resolved ticket sends the service survey (surveys know tickets; tickets do not know surveys).
  onTicketResolved(sendTicketSurvey);
  // Bounces read by a mailbox's sync mark the campaign messages they return, and requests to unsubscribe mailed
  // to campaign mail's address unsubscribe their recipients (mailboxes do not know campaigns).
  onDeliveryReport(recordDeliveryReport);
  onReceivedMail(takeMailedUnsubscribes);
  // An agent's reply to a ticket that came by email goes back by its service mailbox's thread.
  registerTicketEmailReplier(replyToTicketByEmail);
  knowledgeRoutes(app, ctx);
  assetsRoutes(app, ctx);
  workOrdersRoutes(app, ctx);
  strategiesRoutes(app, ctx);
  portalRoutes(app, ctx);
  portalAccessRoutes(app, ctx);
  surveysRoutes(app, ctx);
  paymentsRoutes(app, ctx);
  financeRoutes(app, ctx);
  commissionRoutes(app, ctx);
  campaignsRoutes(app, ctx);
  segmentsRoutes(app, ctx);
  webFormsRoutes(app, ctx);
  assignmentRulesRoutes(app, ctx);
  scoringRoutes(app, ctx);
  membershipRoutes(app, ctx);
  emailTemplatesRoutes(app, ctx);
  campaignEmailsRoutes(app, ctx);
  campaignSequencesRoutes(app, ctx);
  // Leads added to a campaign take it as their source (first touch) when they have none: leads plug in here.
  onCampaignMembersAdded(async (db, campaignId, entity, ids) => {
    if (entity === 'leads') await takeSourceCampaign(db, ids, campaignId);
  });
  approvalsRoutes(app, ctx);
  notificationsRoutes(app, ctx);
  timelineRoutes(app, ctx);
  mailboxesRoutes(app, ctx);
  smsRoutes(app, ctx);
  consentRoutes(app, ctx);
  await ctiRoutes(app, ctx);
  // A call list may be built from a segment or a saved report: those modules plug in their sources here.
  registerCallListSource(segmentCallListSource);
  registerCallListSource(savedReportCallListSource);
  callListsRoutes(app, ctx);
  // PBX connections (AMI, ESL) are held open while the server runs.
  app.addHook(
    'onReady',
    async () => void startCtiConnections(ctx).catch((err) => app.log.error({ err }, 'CTI start failed')),
  );
  app.addHook('onClose', async () => stopCtiConnections(ctx));
  recycleBinRoutes(app, ctx);
  auditRoutes(app, ctx);
  importsRoutes(app, ctx);
  exportsRoutes(app, ctx);
  attachmentsRoutes(app, ctx);
  savedFiltersRoutes(app, ctx);
  searchRoutes(app, ctx);
  reportRoutes(app, ctx);
  dashboardRoutes(app, ctx);
  analysesRoutes(app, ctx);
  customerOverviewRoutes(app, ctx);
  setupRoutes(app, ctx);
  calendarRoutes(app, ctx);

  const openApi = buildOpenApiDocument('0.1.0');
  app.get('/api/openapi.json', { config: { access: 'public' } }, async () => openApi);
  await app.register(fastifyStatic, { root: swaggerUiFolder(), prefix: '/api/docs/assets/', decorateReply: false });
  app.get('/api/docs', { config: { access: 'public' } }, async (_request, reply) =>
    reply.type('text/html').send(docsPage),
  );
  app.get('/api/docs/start.js', { config: { access: 'public' } }, async (_request, reply) =>
    reply.type('text/javascript').send(docsScript),
  );

  if (serveWeb && existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: false,
      index: false,
      // The build writes .br and .gz copies; a browser that accepts one gets it.
      preCompressed: true,
      // Files under /assets/ are named after their content, so a browser keeps them without asking again.
      // The pages themselves are checked again on every visit, so a new release is picked up at once.
      cacheControl: false,
      setHeaders: (reply, file) => {
        if (file.startsWith(path.join(webDist, 'assets')))
          void reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
    app.get('/*', { config: { access: 'public' } }, async (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.callNotFound();
      const file = request.url.split('?')[0].slice(1);
      // A folder of the build (e.g. /assets, also a page of the app) is not a file: the app answers it.
      if (file && !file.includes('..') && statSync(path.join(webDist, file), { throwIfNoEntry: false })?.isFile())
        return reply.sendFile(file);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}

const docsPage = `<!doctype html>
<html><head><meta charset="utf-8"><title>Relate API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script>
</body></html>`;

// A file of its own, not an inline script, so the content security policy can forbid inline scripts.
const docsScript = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', validatorUrl: null });\n`;
