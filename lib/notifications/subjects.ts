// What a notification asks its reader to do, as a key stored with it (notifications.subject). When the
// thing is done, by whoever does it, every unread notification with that key stops counting as new
// (settleNotifications, in the same transaction as the deed). Pure data; ids only.

export const notificationSubject = {
  /** a legal organization's program leads: assign an attorney to this matter */
  assignAttorney: (matterId: string) => `matter.assign:${matterId}`,
  /** the assigned attorney: confirm there is no conflict of interest (or decline) */
  attestConflict: (matterId: string) => `matter.attest:${matterId}`,
  /** a noticed prosecuting office: record its position */
  recordPosition: (matterId: string) => `matter.position:${matterId}`,
  /** the recipient organization's staff: accept or decline this referral */
  answerReferral: (referralId: string) => `referral.answer:${referralId}`,
  /** both sides of a referral still unanswered after the overdue period (lib/jobs): settled by its answer */
  overdueReferral: (referralId: string) => `referral.overdue:${referralId}`,
  /** the survivor's advocate: this release runs out soon; record a new one if sharing should go on */
  renewRelease: (releaseId: string) => `release.expiring:${releaseId}`,
  /** the survivor's advocate (and a legal organization whose matter it suspends): this release ran out */
  releaseExpired: (releaseId: string) => `release.expired:${releaseId}`,
} as const;

export type NotificationSubject = ReturnType<(typeof notificationSubject)[keyof typeof notificationSubject]>;
