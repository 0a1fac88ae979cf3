import { DateCell as DateCell_90e885669e21d5b0dff8aef33914a3aa } from '@/components/admin/DateCell'
import { PersonField as PersonField_baf69f72babf23747ae4a50d75213e8e } from '@/components/admin/PersonField'
import { PayoutBlockActions as PayoutBlockActions_b551b09d01e7c9e53adb00848cd1351c } from '@/components/admin/MoneyActions'
import { AdjustBalance as AdjustBalance_2b500337369522e4a589a27b60fb2bef } from '@/components/admin/AdjustBalance'
import { StatusCell as StatusCell_ff32efc137541c6552ed42594a323755 } from '@/components/admin/StatusCell'
import { StatusField as StatusField_ff32efc137541c6552ed42594a323755 } from '@/components/admin/StatusCell'
import { MoneyCell as MoneyCell_4a3beab9aeb64215aca62667b2e66a58 } from '@/components/admin/MoneyCell'
import { MoneyField as MoneyField_3bdbbe5aa84416b7901d094b16c3d114 } from '@/components/admin/MoneyField'
import { OfferStartField as OfferStartField_88547b88d4742d1d58b7bdb2c9d862d1 } from '@/components/admin/OfferStartField'
import { DateField as DateField_90e885669e21d5b0dff8aef33914a3aa } from '@/components/admin/DateCell'
import { BookingActions as BookingActions_08ab988ba1c1b2f06666672d8016ea16 } from '@/components/admin/BookingActions'
import { BookingCall as BookingCall_4e2222ca728b0bd9e11636f5157b5263 } from '@/components/admin/BookingCall'
import { StartRefund as StartRefund_508a9dbb43bf9c6c71bc1941c4fe0346 } from '@/components/admin/StartRefund'
import { ExportListMenuItem as ExportListMenuItem_cdf7e044479f899a31f804427d568b36 } from '@payloadcms/plugin-import-export/rsc'
import { PayoutActions as PayoutActions_b551b09d01e7c9e53adb00848cd1351c } from '@/components/admin/MoneyActions'
import { AuditTrail as AuditTrail_b551b09d01e7c9e53adb00848cd1351c } from '@/components/admin/MoneyActions'
import { RefundActions as RefundActions_b551b09d01e7c9e53adb00848cd1351c } from '@/components/admin/MoneyActions'
import { DisputeEvidence as DisputeEvidence_50f1d5e9ce68b7388f6a4a97f365d6b0 } from '@/components/admin/DisputeEvidence'
import { CallRequestActions as CallRequestActions_47e43b1d4fc406cd5db3c0d2cdc9cb84 } from '@/components/admin/CallRequestActions'
import { JsonView as JsonView_2de74be6742625e61ab574b4ea5eba34 } from '@/components/admin/JsonView'
import { EmailPreview as EmailPreview_26ff0c3c8c64756354667624f7216f27 } from '@/components/admin/EmailPreview'
import { ResendEmailButton as ResendEmailButton_112eeaca4bc557d6e788051f1416958d } from '@/components/admin/ResendEmailButton'
import { FormatField as FormatField_cdf7e044479f899a31f804427d568b36 } from '@payloadcms/plugin-import-export/rsc'
import { Page as Page_cdf7e044479f899a31f804427d568b36 } from '@payloadcms/plugin-import-export/rsc'
import { SortBy as SortBy_cdf7e044479f899a31f804427d568b36 } from '@payloadcms/plugin-import-export/rsc'
import { SortOrder as SortOrder_cdf7e044479f899a31f804427d568b36 } from '@payloadcms/plugin-import-export/rsc'
import { SelectionToUseField as SelectionToUseField_cdf7e044479f899a31f804427d568b36 } from '@payloadcms/plugin-import-export/rsc'
import { FieldsToExport as FieldsToExport_cdf7e044479f899a31f804427d568b36 } from '@payloadcms/plugin-import-export/rsc'
import { CollectionField as CollectionField_cdf7e044479f899a31f804427d568b36 } from '@payloadcms/plugin-import-export/rsc'
import { ExportPreview as ExportPreview_cdf7e044479f899a31f804427d568b36 } from '@payloadcms/plugin-import-export/rsc'
import { ExportSaveButton as ExportSaveButton_cdf7e044479f899a31f804427d568b36 } from '@payloadcms/plugin-import-export/rsc'
import { ImportPreview as ImportPreview_cdf7e044479f899a31f804427d568b36 } from '@payloadcms/plugin-import-export/rsc'
import { ImportSaveButton as ImportSaveButton_cdf7e044479f899a31f804427d568b36 } from '@payloadcms/plugin-import-export/rsc'
import { NotificationBell as NotificationBell_a85350652356ec53eeb8176045ede954 } from '@/components/admin/NotificationBell'
import { DashboardIntro as DashboardIntro_18d6cb17d810cbc0153a098c2eb10507 } from '@/components/admin/DashboardIntro'
import { ConnectPaymentAccount as ConnectPaymentAccount_c0ddab03bccf2b7d610dc91d96a0799c } from '@/components/admin/ConnectPaymentAccount'
import { CreatorMoneyDashboard as CreatorMoneyDashboard_5f43a8546ef8648e1534610b0854b7f6 } from '@/components/admin/CreatorMoneyDashboard'
import { AdminMoneyDashboard as AdminMoneyDashboard_43b5b27a72b5c9a6a5f2cf1ca9ed1059 } from '@/components/admin/AdminMoneyDashboard'
import { PanelLanguage as PanelLanguage_28c61343e043451cd74122123cc45e81 } from '@/components/admin/PanelLanguage'
import { ImportExportProvider as ImportExportProvider_cdf7e044479f899a31f804427d568b36 } from '@payloadcms/plugin-import-export/rsc'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "@/components/admin/DateCell#DateCell": DateCell_90e885669e21d5b0dff8aef33914a3aa,
  "@/components/admin/PersonField#PersonField": PersonField_baf69f72babf23747ae4a50d75213e8e,
  "@/components/admin/MoneyActions#PayoutBlockActions": PayoutBlockActions_b551b09d01e7c9e53adb00848cd1351c,
  "@/components/admin/AdjustBalance#AdjustBalance": AdjustBalance_2b500337369522e4a589a27b60fb2bef,
  "@/components/admin/StatusCell#StatusCell": StatusCell_ff32efc137541c6552ed42594a323755,
  "@/components/admin/StatusCell#StatusField": StatusField_ff32efc137541c6552ed42594a323755,
  "@/components/admin/MoneyCell#MoneyCell": MoneyCell_4a3beab9aeb64215aca62667b2e66a58,
  "@/components/admin/MoneyField#MoneyField": MoneyField_3bdbbe5aa84416b7901d094b16c3d114,
  "@/components/admin/OfferStartField#OfferStartField": OfferStartField_88547b88d4742d1d58b7bdb2c9d862d1,
  "@/components/admin/DateCell#DateField": DateField_90e885669e21d5b0dff8aef33914a3aa,
  "@/components/admin/BookingActions#BookingActions": BookingActions_08ab988ba1c1b2f06666672d8016ea16,
  "@/components/admin/BookingCall#BookingCall": BookingCall_4e2222ca728b0bd9e11636f5157b5263,
  "@/components/admin/StartRefund#StartRefund": StartRefund_508a9dbb43bf9c6c71bc1941c4fe0346,
  "@payloadcms/plugin-import-export/rsc#ExportListMenuItem": ExportListMenuItem_cdf7e044479f899a31f804427d568b36,
  "@/components/admin/MoneyActions#PayoutActions": PayoutActions_b551b09d01e7c9e53adb00848cd1351c,
  "@/components/admin/MoneyActions#AuditTrail": AuditTrail_b551b09d01e7c9e53adb00848cd1351c,
  "@/components/admin/MoneyActions#RefundActions": RefundActions_b551b09d01e7c9e53adb00848cd1351c,
  "@/components/admin/DisputeEvidence#DisputeEvidence": DisputeEvidence_50f1d5e9ce68b7388f6a4a97f365d6b0,
  "@/components/admin/CallRequestActions#CallRequestActions": CallRequestActions_47e43b1d4fc406cd5db3c0d2cdc9cb84,
  "@/components/admin/JsonView#JsonView": JsonView_2de74be6742625e61ab574b4ea5eba34,
  "@/components/admin/EmailPreview#EmailPreview": EmailPreview_26ff0c3c8c64756354667624f7216f27,
  "@/components/admin/ResendEmailButton#ResendEmailButton": ResendEmailButton_112eeaca4bc557d6e788051f1416958d,
  "@payloadcms/plugin-import-export/rsc#FormatField": FormatField_cdf7e044479f899a31f804427d568b36,
  "@payloadcms/plugin-import-export/rsc#Page": Page_cdf7e044479f899a31f804427d568b36,
  "@payloadcms/plugin-import-export/rsc#SortBy": SortBy_cdf7e044479f899a31f804427d568b36,
  "@payloadcms/plugin-import-export/rsc#SortOrder": SortOrder_cdf7e044479f899a31f804427d568b36,
  "@payloadcms/plugin-import-export/rsc#SelectionToUseField": SelectionToUseField_cdf7e044479f899a31f804427d568b36,
  "@payloadcms/plugin-import-export/rsc#FieldsToExport": FieldsToExport_cdf7e044479f899a31f804427d568b36,
  "@payloadcms/plugin-import-export/rsc#CollectionField": CollectionField_cdf7e044479f899a31f804427d568b36,
  "@payloadcms/plugin-import-export/rsc#ExportPreview": ExportPreview_cdf7e044479f899a31f804427d568b36,
  "@payloadcms/plugin-import-export/rsc#ExportSaveButton": ExportSaveButton_cdf7e044479f899a31f804427d568b36,
  "@payloadcms/plugin-import-export/rsc#ImportPreview": ImportPreview_cdf7e044479f899a31f804427d568b36,
  "@payloadcms/plugin-import-export/rsc#ImportSaveButton": ImportSaveButton_cdf7e044479f899a31f804427d568b36,
  "@/components/admin/NotificationBell#NotificationBell": NotificationBell_a85350652356ec53eeb8176045ede954,
  "@/components/admin/DashboardIntro#DashboardIntro": DashboardIntro_18d6cb17d810cbc0153a098c2eb10507,
  "@/components/admin/ConnectPaymentAccount#ConnectPaymentAccount": ConnectPaymentAccount_c0ddab03bccf2b7d610dc91d96a0799c,
  "@/components/admin/CreatorMoneyDashboard#CreatorMoneyDashboard": CreatorMoneyDashboard_5f43a8546ef8648e1534610b0854b7f6,
  "@/components/admin/AdminMoneyDashboard#AdminMoneyDashboard": AdminMoneyDashboard_43b5b27a72b5c9a6a5f2cf1ca9ed1059,
  "@/components/admin/PanelLanguage#PanelLanguage": PanelLanguage_28c61343e043451cd74122123cc45e81,
  "@payloadcms/plugin-import-export/rsc#ImportExportProvider": ImportExportProvider_cdf7e044479f899a31f804427d568b36,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
