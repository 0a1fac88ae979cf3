import * as migration_20261121_124433_initial from './20261121_124433_initial';
import * as migration_20261121_124434_invariants from './20261121_124434_invariants';
import * as migration_20261121_135016_checkout from './20261121_135016_checkout';
import * as migration_20261201_121433_call_request_jobs from './20261201_121433_call_request_jobs';
import * as migration_20261201_124820_cancellation_catalog_indexes from './20261201_124820_cancellation_catalog_indexes';
import * as migration_20261201_143000_catalog_search from './20261201_143000_catalog_search';
import * as migration_20261201_153500_offers_no_overlap from './20261201_153500_offers_no_overlap';
import * as migration_20261201_214955_payouts from './20261201_214955_payouts';
import * as migration_20261201_220500_refunds_within_payment from './20261201_220500_refunds_within_payment';
import * as migration_20261201_221536_money_back_office from './20261201_221536_money_back_office';
import * as migration_20261201_235734_money_back_office_2 from './20261201_235734_money_back_office_2';
import * as migration_20261202_000551_calls from './20261202_000551_calls';
import * as migration_20261202_001000_call_signals from './20261202_001000_call_signals';
import * as migration_20261202_002000_call_streams from './20261202_002000_call_streams';
import * as migration_20261202_030930_issue12_panel from './20261202_030930_issue12_panel';
import * as migration_20261202_235000_row_titles_triggers from './20261202_235000_row_titles_triggers';
import * as migration_20261202_235100_notification_message_backfill from './20261202_235100_notification_message_backfill';

export const migrations = [
  {
    up: migration_20261121_124433_initial.up,
    down: migration_20261121_124433_initial.down,
    name: '20261121_124433_initial',
  },
  {
    up: migration_20261121_124434_invariants.up,
    down: migration_20261121_124434_invariants.down,
    name: '20261121_124434_invariants',
  },
  {
    up: migration_20261121_135016_checkout.up,
    down: migration_20261121_135016_checkout.down,
    name: '20261121_135016_checkout',
  },
  {
    up: migration_20261201_121433_call_request_jobs.up,
    down: migration_20261201_121433_call_request_jobs.down,
    name: '20261201_121433_call_request_jobs',
  },
  {
    up: migration_20261201_124820_cancellation_catalog_indexes.up,
    down: migration_20261201_124820_cancellation_catalog_indexes.down,
    name: '20261201_124820_cancellation_catalog_indexes',
  },
  {
    up: migration_20261201_143000_catalog_search.up,
    down: migration_20261201_143000_catalog_search.down,
    name: '20261201_143000_catalog_search',
  },
  {
    up: migration_20261201_153500_offers_no_overlap.up,
    down: migration_20261201_153500_offers_no_overlap.down,
    name: '20261201_153500_offers_no_overlap',
  },
  {
    up: migration_20261201_214955_payouts.up,
    down: migration_20261201_214955_payouts.down,
    name: '20261201_214955_payouts',
  },
  {
    up: migration_20261201_220500_refunds_within_payment.up,
    down: migration_20261201_220500_refunds_within_payment.down,
    name: '20261201_220500_refunds_within_payment',
  },
  {
    up: migration_20261201_221536_money_back_office.up,
    down: migration_20261201_221536_money_back_office.down,
    name: '20261201_221536_money_back_office',
  },
  {
    up: migration_20261201_235734_money_back_office_2.up,
    down: migration_20261201_235734_money_back_office_2.down,
    name: '20261201_235734_money_back_office_2',
  },
  {
    up: migration_20261202_000551_calls.up,
    down: migration_20261202_000551_calls.down,
    name: '20261202_000551_calls',
  },
  {
    up: migration_20261202_001000_call_signals.up,
    down: migration_20261202_001000_call_signals.down,
    name: '20261202_001000_call_signals',
  },
  {
    up: migration_20261202_002000_call_streams.up,
    down: migration_20261202_002000_call_streams.down,
    name: '20261202_002000_call_streams',
  },
  {
    up: migration_20261202_030930_issue12_panel.up,
    down: migration_20261202_030930_issue12_panel.down,
    name: '20261202_030930_issue12_panel',
  },
  {
    up: migration_20261202_235000_row_titles_triggers.up,
    down: migration_20261202_235000_row_titles_triggers.down,
    name: '20261202_235000_row_titles_triggers',
  },
  {
    up: migration_20261202_235100_notification_message_backfill.up,
    down: migration_20261202_235100_notification_message_backfill.down,
    name: '20261202_235100_notification_message_backfill'
  },
];
