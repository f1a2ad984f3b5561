import { pgEnum } from "drizzle-orm/pg-core";
import { ROLES } from "../../lib/auth/roles";
import { CAPACITIES, ORGANIZATION_TYPES, SERVICES } from "../../lib/organizations/constants";
import { REFERRAL_STATUSES, URGENCIES } from "../../lib/referrals/constants";

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
