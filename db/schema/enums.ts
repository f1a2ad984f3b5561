import { pgEnum } from "drizzle-orm/pg-core";
import { ROLES } from "../../lib/auth/roles";
import { ORGANIZATION_TYPES, SERVICES } from "../../lib/organizations/constants";

export const roleEnum = pgEnum("role", ROLES);
export const organizationTypeEnum = pgEnum("organization_type", ORGANIZATION_TYPES);
export const serviceEnum = pgEnum("service", SERVICES);
