"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { UseFormReturn } from "react-hook-form";
import { FormAlert, SelectField, TextField } from "@/app/_components/fields";
import { useActionForm } from "@/app/_components/use-action-form";
import { ORGANIZATION_TYPES_FOR_ROLE } from "@/lib/auth/policy";
import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schema";
import { ORGANIZATION_TYPE_LABELS, type OrganizationType } from "@/lib/organizations/constants";
import { createUserAction, updateUserAction } from "@/lib/users/actions";
import { createUserSchema, updateUserSchema } from "@/lib/users/schema";

type OrganizationOption = { id: string; name: string; type: OrganizationType; active: boolean };

const roleOptions = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

function organizationOptions(organizations: OrganizationOption[], role: Role | "", currentId: string | null) {
  return organizations
    .filter((org) => org.id === currentId || (org.active && (!role || ORGANIZATION_TYPES_FOR_ROLE[role].includes(org.type))))
    .map((org) => ({
      value: org.id,
      label: `${org.name} (${ORGANIZATION_TYPE_LABELS[org.type]}${org.active ? "" : ", deactivated"})`,
    }));
}

type SharedValues = { name: string; email: string; role: Role; organizationId?: string | null };

function IdentityFields<T extends SharedValues>({
  form,
  organizations,
  currentOrganizationId,
}: {
  form: UseFormReturn<T>;
  organizations: OrganizationOption[];
  currentOrganizationId: string | null;
}) {
  // The generic form is narrowed to the fields both variants share.
  const shared = form as unknown as UseFormReturn<SharedValues>;
  const { register, formState, watch } = shared;
  const role = watch("role");
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Full name" autoComplete="off" error={formState.errors.name?.message} {...register("name")} />
        <TextField label="Email" type="email" autoComplete="off" error={formState.errors.email?.message} {...register("email")} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Role"
          options={roleOptions}
          placeholder="Choose a role"
          hint={role ? ROLE_DESCRIPTIONS[role] : undefined}
          error={formState.errors.role?.message}
          {...register("role")}
        />
        <SelectField
          label="Organization"
          options={organizationOptions(organizations, role, currentOrganizationId)}
          placeholder={role === "admin" ? "None (Clearway administration)" : "Choose an organization"}
          hint={role && role !== "admin" ? "Only organizations this role can belong to are listed." : undefined}
          error={formState.errors.organizationId?.message}
          {...register("organizationId")}
        />
      </div>
    </>
  );
}

export function CreateUserForm({ organizations }: { organizations: OrganizationOption[] }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: createUserSchema,
    defaultValues: { name: "", email: "", role: "" as Role, organizationId: "", password: "", confirmPassword: "" },
    action: createUserAction,
    creates: "user",
    onSuccess: (data) => router.push(`/admin/users/${data.id}?created=1`),
  });
  const { register, formState } = form;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert {...alert} />
      <IdentityFields form={form} organizations={organizations} currentOrganizationId={null} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Initial password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. Give it to the person privately; they must replace it when they first sign in.`}
          error={formState.errors.password?.message}
          {...register("password")}
        />
        <TextField
          label="Confirm initial password"
          type="password"
          autoComplete="new-password"
          error={formState.errors.confirmPassword?.message}
          {...register("confirmPassword")}
        />
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Creating…" : "Create user"}
      </button>
    </form>
  );
}

export function EditUserForm({
  user,
  organizations,
}: {
  user: { id: string; version: number; name: string; email: string; role: Role; organizationId: string | null };
  organizations: OrganizationOption[];
}) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: updateUserSchema,
    defaultValues: { ...user, organizationId: user.organizationId ?? "" },
    action: updateUserAction,
    onSuccess: (data, { values, reset }) => {
      reset({ ...values, organizationId: values.organizationId ?? "", version: data.version });
      router.refresh();
      return "Saved.";
    },
  });
  const { register } = form;

  // The record changed elsewhere on this page (e.g. deactivated): take the new version unless the
  // person is mid-edit, in which case a save will explain the conflict instead of overwriting.
  useEffect(() => {
    if (!form.formState.isDirty) form.reset({ ...user, organizationId: user.organizationId ?? "" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [user.version]);

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert {...alert} />
      <input type="hidden" {...register("id")} />
      <input type="hidden" {...register("version")} />
      <IdentityFields form={form} organizations={organizations} currentOrganizationId={user.organizationId} />
      <p className="text-xs text-slate-500">Changing the role or organization signs the person out everywhere at once.</p>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Saving…" : "Save changes"}
      </button>
    </form>
  );
}
