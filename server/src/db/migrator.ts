import { type Kysely, type Migration, Migrator } from 'kysely';
import * as platform from './migrations/0001-platform.ts';
import * as customers from './migrations/0002-customers.ts';
import * as customerFacets from './migrations/0003-customer-facets.ts';
import * as leadsFollowups from './migrations/0004-leads-followups.ts';
import * as recycleBinIndexes from './migrations/0005-recycle-bin-indexes.ts';
import * as opportunities from './migrations/0006-opportunities.ts';
import * as publicPool from './migrations/0007-public-pool-jobs.ts';
import * as tasks from './migrations/0008-tasks.ts';
import * as targets from './migrations/0009-targets.ts';
import * as dailyReports from './migrations/0010-daily-reports.ts';
import * as taskTimeline from './migrations/0011-task-timeline.ts';
import * as products from './migrations/0012-products.ts';
import * as quotes from './migrations/0013-quotes.ts';
import * as salesIndexes from './migrations/0014-sales-indexes.ts';
import * as referenceIndexes from './migrations/0015-reference-indexes.ts';
import * as approvals from './migrations/0016-approvals.ts';
import * as orders from './migrations/0017-orders.ts';
import * as payments from './migrations/0018-payments.ts';
import * as invoices from './migrations/0019-invoices.ts';
import * as contracts from './migrations/0020-contracts.ts';
import * as refundApproval from './migrations/0021-refund-approval.ts';
import * as inventory from './migrations/0022-inventory.ts';
import * as tickets from './migrations/0023-tickets.ts';
import * as ticketCallbacks from './migrations/0024-ticket-callbacks.ts';
import * as knowledge from './migrations/0025-knowledge.ts';
import * as assets from './migrations/0026-assets.ts';
import * as workOrders from './migrations/0027-work-orders.ts';
import * as strategies from './migrations/0028-strategies.ts';
import * as openInstalments from './migrations/0029-open-instalments.ts';
import * as ticketQueueIndexes from './migrations/0030-ticket-queue-indexes.ts';
import * as portal from './migrations/0031-portal.ts';
import * as surveys from './migrations/0032-surveys.ts';
import * as technicianPositions from './migrations/0033-technician-positions.ts';
import * as ticketQueueOrder from './migrations/0034-ticket-queue-order.ts';
import * as customerSearchOrder from './migrations/0035-customer-search-order.ts';
import * as importReading from './migrations/0036-import-reading.ts';
import * as importOwner from './migrations/0037-import-owner.ts';
import * as postgresListSearchText from './migrations/0038-postgres-list-search-text.ts';
import * as postgresSearchIndexDirect from './migrations/0039-postgres-search-index-direct.ts';
import * as phoneDigitsSearch from './migrations/0040-phone-digits-search.ts';
import * as roleHomeSections from './migrations/0041-role-home-sections.ts';
import * as savedViews from './migrations/0042-saved-views.ts';
import * as recordSearchIndexes from './migrations/0043-record-search-indexes.ts';
import * as listSortIndexes from './migrations/0044-list-sort-indexes.ts';
import * as digitSearchTokens from './migrations/0045-digit-search-tokens.ts';
import * as breachedTicketsIndex from './migrations/0046-breached-tickets-index.ts';
import * as listFilterColumns from './migrations/0047-list-filter-columns.ts';
import * as contactCustomerNames from './migrations/0048-contact-customer-names.ts';
import * as customerDateFilters from './migrations/0049-customer-date-filters.ts';
import * as descendingSortIndexes from './migrations/0050-descending-sort-indexes.ts';
import * as savedReports from './migrations/0051-saved-reports.ts';
import * as dashboards from './migrations/0052-dashboards.ts';
import * as customerValues from './migrations/0053-customer-values.ts';
import * as descendingSortFilters from './migrations/0054-descending-sort-filters.ts';
import * as churnRisks from './migrations/0055-churn-risks.ts';
import * as reportSchedules from './migrations/0056-report-schedules.ts';
import * as forecastSnapshots from './migrations/0057-forecast-snapshots.ts';
import * as commission from './migrations/0058-commission.ts';
import * as dataVersions from './migrations/0059-data-versions.ts';
import * as roleHomeDashboard from './migrations/0060-role-home-dashboard.ts';
import * as webhooks from './migrations/0061-webhooks.ts';
import * as mailboxes from './migrations/0062-mailboxes.ts';
import * as lunarAnniversaries from './migrations/0067-lunar-anniversaries.ts';
import * as campaigns from './migrations/0066-campaigns.ts';
import * as mailSending from './migrations/0064-mail-sending.ts';
import * as smsConsent from './migrations/0065-sms-consent.ts';
import * as cti from './migrations/0063-cti.ts';
import * as reportDataVersions from './migrations/0073-report-data-versions.ts';
import * as copiedWidgetTitleKeys from './migrations/0074-copied-widget-title-keys.ts';
import * as webForms from './migrations/0077-web-forms.ts';
import * as campaignReportVersions from './migrations/0078-campaign-report-versions.ts';
import * as emailHeaderIds from './migrations/0079-email-header-ids.ts';
import * as divisionCodes from './migrations/0083-division-codes.ts';
import * as campaignEmailBounces from './migrations/0086-campaign-email-bounces.ts';
import * as ctiConnectionHolder from './migrations/0087-cti-connection-holder.ts';
import * as pinyinSearchTokens from './migrations/0088-pinyin-search-tokens.ts';
import * as campaignEmailRecipientRecords from './migrations/0091-campaign-email-recipient-records.ts';
import * as customerConsents from './migrations/0092-customer-consents.ts';
import * as callListEntryLeads from './migrations/0093-call-list-entry-leads.ts';
import * as campaignEmailSends from './migrations/0080-campaign-email-sends.ts';
import * as segments from './migrations/0070-segments.ts';
import * as vatInvoicing from './migrations/0072-vat-invoicing.ts';
import * as sharedInstances from './migrations/0071-shared-instances.ts';
import * as pinyinSearch from './migrations/0069-pinyin-search.ts';
import * as callLists from './migrations/0068-call-lists.ts';
import * as emailTemplates from './migrations/0076-email-templates.ts';
import * as leadScoring from './migrations/0081-lead-scoring.ts';
import * as campaignSequences from './migrations/0085-campaign-sequences.ts';
import * as membership from './migrations/0084-membership.ts';

const migrations: Record<string, Migration> = {
  '0001-platform': platform,
  '0002-customers': customers,
  '0003-customer-facets': customerFacets,
  '0004-leads-followups': leadsFollowups,
  '0005-recycle-bin-indexes': recycleBinIndexes,
  '0006-opportunities': opportunities,
  '0007-public-pool-jobs': publicPool,
  '0008-tasks': tasks,
  '0009-targets': targets,
  '0010-daily-reports': dailyReports,
  '0011-task-timeline': taskTimeline,
  '0012-products': products,
  '0013-quotes': quotes,
  '0014-sales-indexes': salesIndexes,
  '0015-reference-indexes': referenceIndexes,
  '0016-approvals': approvals,
  '0017-orders': orders,
  '0018-payments': payments,
  '0019-invoices': invoices,
  '0020-contracts': contracts,
  '0021-refund-approval': refundApproval,
  '0022-inventory': inventory,
  '0023-tickets': tickets,
  '0024-ticket-callbacks': ticketCallbacks,
  '0025-knowledge': knowledge,
  '0026-assets': assets,
  '0027-work-orders': workOrders,
  '0028-strategies': strategies,
  '0029-open-instalments': openInstalments,
  '0030-ticket-queue-indexes': ticketQueueIndexes,
  '0031-portal': portal,
  '0032-surveys': surveys,
  '0033-technician-positions': technicianPositions,
  '0034-ticket-queue-order': ticketQueueOrder,
  '0035-customer-search-order': customerSearchOrder,
  '0036-import-reading': importReading,
  '0037-import-owner': importOwner,
  '0038-postgres-list-search-text': postgresListSearchText,
  '0039-postgres-search-index-direct': postgresSearchIndexDirect,
  '0040-phone-digits-search': phoneDigitsSearch,
  '0041-role-home-sections': roleHomeSections,
  '0042-saved-views': savedViews,
  '0043-record-search-indexes': recordSearchIndexes,
  '0044-list-sort-indexes': listSortIndexes,
  '0045-digit-search-tokens': digitSearchTokens,
  '0046-breached-tickets-index': breachedTicketsIndex,
  '0047-list-filter-columns': listFilterColumns,
  '0048-contact-customer-names': contactCustomerNames,
  '0049-customer-date-filters': customerDateFilters,
  '0050-descending-sort-indexes': descendingSortIndexes,
  '0051-saved-reports': savedReports,
  '0052-dashboards': dashboards,
  '0053-customer-values': customerValues,
  '0054-descending-sort-filters': descendingSortFilters,
  '0055-churn-risks': churnRisks,
  '0056-report-schedules': reportSchedules,
  '0057-forecast-snapshots': forecastSnapshots,
  '0058-commission': commission,
  '0059-data-versions': dataVersions,
  '0060-role-home-dashboard': roleHomeDashboard,
  '0061-webhooks': webhooks,
  '0062-mailboxes': mailboxes,
  '0067-lunar-anniversaries': lunarAnniversaries,
  '0066-campaigns': campaigns,
  '0064-mail-sending': mailSending,
  '0065-sms-consent': smsConsent,
  '0063-cti': cti,
  '0073-report-data-versions': reportDataVersions,
  '0074-copied-widget-title-keys': copiedWidgetTitleKeys,
  '0077-web-forms': webForms,
  '0078-campaign-report-versions': campaignReportVersions,
  '0079-email-header-ids': emailHeaderIds,
  '0083-division-codes': divisionCodes,
  '0086-campaign-email-bounces': campaignEmailBounces,
  '0087-cti-connection-holder': ctiConnectionHolder,
  '0088-pinyin-search-tokens': pinyinSearchTokens,
  '0091-campaign-email-recipient-records': campaignEmailRecipientRecords,
  '0092-customer-consents': customerConsents,
  '0093-call-list-entry-leads': callListEntryLeads,
  '0080-campaign-email-sends': campaignEmailSends,
  '0070-segments': segments,
  '0072-vat-invoicing': vatInvoicing,
  '0071-shared-instances': sharedInstances,
  '0069-pinyin-search': pinyinSearch,
  '0068-call-lists': callLists,
  '0076-email-templates': emailTemplates,
  '0081-lead-scoring': leadScoring,
  '0085-campaign-sequences': campaignSequences,
  '0084-membership': membership,
};

export function createMigrator(db: Kysely<any>): Migrator {
  // Each migration stands alone (its own tables, indexes or columns), and numbers are taken by work done
  // side by side: one may land after a higher number has already run on a database, and still runs there.
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
}

/** Applies every pending migration; the same files serve SQLite and Postgres. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
