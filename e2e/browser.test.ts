// Every browser flow, in one test file: the flows run one after another in one worker (each starts its own
// server and browser, see browserSuite), while the server tests use the other workers beside them. One flow
// on its own: npx vitest run --project e2e -t "customer portal".
import './admin.flow.ts';
import './backup.flow.ts';
import './bulk.flow.ts';
import './call-lists.flow.ts';
import './campaigns.flow.ts';
import './calls.flow.ts';
import './churn-risk.flow.ts';
import './commission.flow.ts';
import './customer-value.flow.ts';
import './customers.flow.ts';
import './dashboards.flow.ts';
import './email-templates.flow.ts';
import './demand-forecast.flow.ts';
import './forecast-accuracy.flow.ts';
import './home.flow.ts';
import './home-dashboard.flow.ts';
import './imports.flow.ts';
import './invoicing.flow.ts';
import './mailboxes.flow.ts';
import './inventory.flow.ts';
import './lunar.flow.ts';
import './money.flow.ts';
import './phone-layout.flow.ts';
import './portal.flow.ts';
import './profitability.flow.ts';
import './reports.flow.ts';
import './role-editor.flow.ts';
import './sales.flow.ts';
import './saved-reports.flow.ts';
import './segments.flow.ts';
import './service.flow.ts';
import './sms.flow.ts';
import './views.flow.ts';
import './web-forms.flow.ts';
import './webhooks.flow.ts';
