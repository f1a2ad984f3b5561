import { pgEnum } from "drizzle-orm/pg-core";
import { ROLES } from "../../lib/auth/roles";
import { CAPACITIES, ORGANIZATION_TYPES, SERVICES } from "../../lib/organizations/constants";
import { DECLINE_REASONS, REFERRAL_STATUSES, URGENCIES } from "../../lib/referrals/constants";
import { SERVICE_CATEGORIES } from "../../lib/survivors/services";
import {
  COMMUNICATION_CHANNELS,
  CONFLICT_STATUSES,
  COURT_TYPES,
  CVPA_STATUSES,
  DISPOSITIONS,
  HEARING_STATUSES,
  HOUR_ACTIVITIES,
  JURISDICTIONS,
  MATTER_STATUSES,
  NOTICE_METHODS,
  POST_ORDER_STEPS,
  PROSECUTING_AUTHORITIES,
  PROSECUTOR_POSITIONS,
  RECORD_SOURCES,
  RESTITUTION_ORDERS,
  TASK_KINDS,
} from "../../lib/vacatur/constants";

export const roleEnum = pgEnum("role", ROLES);
export const organizationTypeEnum = pgEnum("organization_type", ORGANIZATION_TYPES);
export const serviceEnum = pgEnum("service", SERVICES);
import { NOTE_KINDS, NOTE_VISIBILITIES, REFERRAL_SOURCES, SURVIVOR_STATUSES } from "../../lib/survivors/constants";
import { RELEASE_CATEGORIES, RELEASE_FORMS, REVOCATION_METHODS } from "../../lib/releases/constants";

export const survivorStatusEnum = pgEnum("survivor_status", SURVIVOR_STATUSES);
export const referralSourceEnum = pgEnum("referral_source", REFERRAL_SOURCES);
export const noteKindEnum = pgEnum("note_kind", NOTE_KINDS);
export const noteVisibilityEnum = pgEnum("note_visibility", NOTE_VISIBILITIES);
export const releaseCategoryEnum = pgEnum("release_category", RELEASE_CATEGORIES);
export const releaseFormEnum = pgEnum("release_form", RELEASE_FORMS);
export const revocationMethodEnum = pgEnum("revocation_method", REVOCATION_METHODS);
export const capacityEnum = pgEnum("capacity", CAPACITIES);
export const referralStatusEnum = pgEnum("referral_status", REFERRAL_STATUSES);
export const urgencyEnum = pgEnum("urgency", URGENCIES);
export const declineReasonEnum = pgEnum("decline_reason", DECLINE_REASONS);
export const serviceCategoryEnum = pgEnum("service_category", SERVICE_CATEGORIES);

export const courtTypeEnum = pgEnum("court_type", COURT_TYPES);
export const prosecutingAuthorityEnum = pgEnum("prosecuting_authority", PROSECUTING_AUTHORITIES);
export const dispositionEnum = pgEnum("disposition", DISPOSITIONS);
export const cvpaStatusEnum = pgEnum("cvpa_status", CVPA_STATUSES);
export const restitutionOrderEnum = pgEnum("restitution_order", RESTITUTION_ORDERS);
export const recordSourceEnum = pgEnum("record_source", RECORD_SOURCES);
export const jurisdictionEnum = pgEnum("jurisdiction", JURISDICTIONS);
export const matterStatusEnum = pgEnum("matter_status", MATTER_STATUSES);
export const conflictStatusEnum = pgEnum("conflict_status", CONFLICT_STATUSES);
export const prosecutorPositionEnum = pgEnum("prosecutor_position", PROSECUTOR_POSITIONS);
export const noticeMethodEnum = pgEnum("notice_method", NOTICE_METHODS);
export const communicationChannelEnum = pgEnum("communication_channel", COMMUNICATION_CHANNELS);
export const hourActivityEnum = pgEnum("hour_activity", HOUR_ACTIVITIES);
export const postOrderStepEnum = pgEnum("post_order_step", POST_ORDER_STEPS);
export const taskKindEnum = pgEnum("task_kind", TASK_KINDS);
export const hearingStatusEnum = pgEnum("hearing_status", HEARING_STATUSES);
