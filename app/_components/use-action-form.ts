"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState, useSyncExternalStore, useTransition, type BaseSyntheticEvent } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action-result";

// Every form in app/ is set up here: react-hook-form validating with the server's own zod schema, the
// call to the server action, each refusal placed next to its field, one alert for the form, and, for
// a form that creates a record, the idempotency key the server uses to save it once (lib/idempotency.ts).

const NETWORK_ERROR_MESSAGE =
  "Clearway could not be reached, so nothing was saved. Check your connection and try again; what you typed is still here.";

/** What the form's alert shows: a refusal, or a confirmation after a save. */
type FormMessage = { text: string; tone: "error" | "success" };

/**
 * Calls a server action and turns a failure to reach the server into a result. Next's redirect()
 * (to sign-in, when the session ended) arrives as a thrown digest and is passed on.
 */
export async function callAction<R>(run: () => Promise<ActionResult<R>>): Promise<ActionResult<R>> {
  try {
    return await run();
  } catch (error) {
    if (error && typeof error === "object" && "digest" in error) throw error;
    return { ok: false, code: "unexpected", message: NETWORK_ERROR_MESSAGE };
  }
}

// ---------------------------------------------------------------------------------------------
// Idempotency keys

// A create form's key lives in the React ref while the form is mounted (a retry reuses it) and in
// the history entry's state (window.history.state), so that Back to the same entry, which mounts
// the form afresh, finds the key the first submit used and the server answers with that first save.
// Next's app router keeps custom history state on Back/Forward, but replaces it when it refreshes
// the page (after an action revalidates), so the key is written back after every render.
const HISTORY_FIELD = "clearwayFormKeys";
type KeptKeys = Record<string, { key: string; page: string }>;

/** One id per page load: tells a key kept by this page load from one kept before a reload. */
let pageLoad: string | undefined;
const thisPageLoad = () => (pageLoad ??= newFormKey());

/** A v4 UUID; crypto.randomUUID exists only on https and localhost, getRandomValues everywhere. */
export function newFormKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function keptKeys(): KeptKeys {
  const state: unknown = window.history.state;
  const kept = state && typeof state === "object" ? (state as Record<string, unknown>)[HISTORY_FIELD] : null;
  return kept && typeof kept === "object" ? (kept as KeptKeys) : {};
}

/**
 * The key this history entry's form was submitted with, if any. A reload means "start again": a key
 * kept by an earlier page load is then dropped. (Limit: after a reload elsewhere, Back to an entry of
 * the earlier page load also starts afresh; the database constraints still hold there.)
 */
function keptKey(slot: string): string | null {
  const kept = keptKeys()[slot];
  if (!kept || typeof kept.key !== "string") return null;
  if (kept.page === thisPageLoad()) return kept.key;
  const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
  return navigation?.type === "reload" ? null : kept.key;
}

function keepKey(slot: string, key: string): void {
  const kept = keptKeys();
  if (kept[slot]?.key === key && kept[slot]?.page === thisPageLoad()) return;
  const state: unknown = window.history.state;
  // No URL: Next's patched replaceState keeps its own fields and does not navigate.
  window.history.replaceState({ ...(state && typeof state === "object" ? state : {}), [HISTORY_FIELD]: { ...kept, [slot]: { key, page: thisPageLoad() } } }, "");
}

/**
 * The idempotency key of a create form, named by `slot` (unique among the create forms of a page).
 * Minted when the form is first rendered on this history entry, kept for retries and Back, and
 * replaced by `renew()` once a save has reset the form for the next record.
 */
function useIdempotencyKey(slot: string | undefined): { current: () => string; renew: () => void } {
  const key = useRef<string | null>(null);
  useEffect(() => {
    if (!slot) return;
    key.current ??= keptKey(slot) ?? newFormKey();
    keepKey(slot, key.current);
  });
  return {
    current: () => {
      if (slot && !key.current) {
        key.current = keptKey(slot) ?? newFormKey();
        keepKey(slot, key.current);
      }
      return key.current ?? newFormKey();
    },
    renew: () => {
      if (!slot) return;
      key.current = newFormKey();
      keepKey(slot, key.current);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Hydration

const noSubscription = () => () => {};

/**
 * False in the server's HTML and until React has hydrated the form, true after. Until then the form's
 * submit buttons stay disabled: a submit before hydration would be the browser's own, a GET that puts
 * what was typed (a survivor's name, an address) in the URL, the history and the server's logs, and
 * then loses it. (A button with only an onClick would silently do nothing: disable it the same way.)
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

// ---------------------------------------------------------------------------------------------
// The hook

type Schema = z.ZodType<unknown, FieldValues>;
type In<S extends Schema> = z.input<S> & FieldValues;
type Out<S extends Schema> = z.output<S>;

type SaveDone<S extends Schema> = {
  /** What was saved (the parsed values sent to the server). */
  values: Out<S>;
  /** Resets the form for the next record (to its defaults, or to `next`); a create form gets a new key. */
  reset: (next?: DefaultValues<In<S>>) => void;
};

type ActionFormOptions<S extends Schema, R> = {
  schema: S;
  defaultValues: DefaultValues<In<S>>;
  /** The server action, called with the parsed values (and the idempotency key of a create form). */
  action: (values: Out<S>) => Promise<ActionResult<R>>;
  /**
   * For a form that creates a record: names its idempotency key. A form that stays on the page calls
   * `reset` after a save, which mints the next key; one that navigates away keeps its key, so Back
   * and submit again shows the first save instead of making a second record.
   */
  creates?: string;
  /** After a save. Return a sentence to confirm it in the form's alert; navigate or refresh here. */
  onSuccess?: (data: R, done: SaveDone<S>) => string | void;
  /** Shown in the alert from the first render (e.g. why the person was sent to sign in). */
  initialMessage?: FormMessage | null;
};

export type ActionForm<S extends Schema> = {
  form: UseFormReturn<In<S>, unknown, Out<S>>;
  /** The form's onSubmit; `submit(extra)` makes another handler that sends `extra` with the values (e.g. "save as draft"). */
  onSubmit: (event?: BaseSyntheticEvent) => Promise<void>;
  submit: (extra?: Partial<Out<S>>) => (event?: BaseSyntheticEvent) => Promise<void>;
  /**
   * True before the form is hydrated, and from submit until the save's navigation or refresh has
   * finished: disable the submit buttons.
   */
  pending: boolean;
  /** Props for <FormAlert>. */
  alert: { message: string | null; tone: FormMessage["tone"] };
  setMessage: (message: FormMessage | null) => void;
  /**
   * Calls another action from the same form (e.g. "open the existing record instead"): a refusal is
   * shown in the alert and its field errors next to their fields. Returns the data, or null.
   */
  run: <X>(call: () => Promise<ActionResult<X>>) => Promise<X | null>;
};

/**
 * One form: validates with the server's schema, calls the action, places each field error next to its
 * field, shows the overall message, and never clears what was typed on an error.
 */
export function useActionForm<S extends Schema, R>(options: ActionFormOptions<S, R>): ActionForm<S> {
  const { schema, defaultValues, action, creates, onSuccess } = options;
  const idempotency = useIdempotencyKey(creates);
  const hydrated = useHydrated();
  const [message, setMessage] = useState<FormMessage | null>(options.initialMessage ?? null);
  const [navigating, startTransition] = useTransition();
  const validate = zodResolver(schema as never) as unknown as Resolver<In<S>, unknown, Out<S>>;
  // A create form's key joins the values where they are validated, so what the server receives is
  // exactly what passed the schema here.
  const resolver: Resolver<In<S>, unknown, Out<S>> = (values, context, resolverOptions) =>
    validate(creates ? ({ ...values, idempotencyKey: idempotency.current() } as In<S>) : values, context, resolverOptions);
  const form = useForm<In<S>, unknown, Out<S>>({ resolver, defaultValues });

  // A form that saves a versioned record follows the record's version. Another form on the page saved it
  // (the page refreshed with a newer version): take the new defaults unless the person is mid-edit, in
  // which case a save explains the conflict instead of overwriting.
  const incomingVersion = (defaultValues as { version?: unknown }).version;
  useEffect(() => {
    if (typeof incomingVersion !== "number" || form.getValues("version" as Path<In<S>>) === incomingVersion) return;
    if (!form.formState.isDirty) form.reset(defaultValues);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new version of the record re-seeds the form
  }, [incomingVersion]);

  const refused = (result: Extract<ActionResult<unknown>, { ok: false }>) => {
    for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
      const text = messages?.[0];
      if (text) form.setError(field as Path<In<S>>, { type: "server", message: text });
    }
    setMessage({ text: result.message, tone: "error" });
  };

  const run = async <X>(call: () => Promise<ActionResult<X>>): Promise<X | null> => {
    setMessage(null);
    const result = await callAction(call);
    if (!result.ok) {
      refused(result);
      return null;
    }
    return result.data;
  };

  const submit = (extra?: Partial<Out<S>>) =>
    form.handleSubmit(async (parsed) => {
      const values = (extra ? { ...(parsed as object), ...extra } : parsed) as Out<S>;
      setMessage(null);
      const result = await callAction(() => action(values));
      if (!result.ok) {
        // The key was spent on an earlier, different record (Back, then new typing): the next submit saves anew.
        if (result.code === "already_saved") idempotency.renew();
        refused(result);
        return;
      }
      // This form saved the record: it now holds the saved values at the record's new version, so its next
      // save is not refused as stale (onSuccess may reset it differently).
      const saved = result.data as { version?: unknown } | null;
      if (!creates && typeof saved?.version === "number" && "version" in (values as object)) {
        form.reset({ ...(values as object), version: saved.version } as unknown as DefaultValues<In<S>>);
      }
      const reset = (next?: DefaultValues<In<S>>) => {
        form.reset(next ?? defaultValues);
        idempotency.renew();
      };
      // In a transition, so `pending` stays true until a navigation or refresh started here is done.
      startTransition(() => {
        const confirmation = onSuccess?.(result.data, { values, reset });
        if (confirmation) setMessage({ text: confirmation, tone: "success" });
      });
    });

  return {
    form,
    onSubmit: submit(),
    submit,
    pending: !hydrated || form.formState.isSubmitting || navigating,
    alert: { message: message?.text ?? null, tone: message?.tone ?? "error" },
    setMessage,
    run,
  };
}
