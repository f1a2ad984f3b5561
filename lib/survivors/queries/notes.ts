import { aliasedTable, and, desc, eq, inArray, isNull, lt } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { organizations } from "../../../db/schema/organizations";
import { survivorEvents, survivorNotes } from "../../../db/schema/survivors";
import { users } from "../../../db/schema/users";
import type { Role } from "../../auth/roles";
import type { SessionUser } from "../../auth/sessions";
import { isUuid } from "../../validation";
import { canReadNote, type SurvivorAccess } from "../access";
import type { NoteKind, NoteVisibility } from "../constants";
import { openNoteBody } from "../identity";

// A survivor's notes and timeline, cut to what the caller may read (canReadNote).

// The newest entries, then "Older entries →": a long-kept record's page renders (and sends) only what is read first.
const TIMELINE_PAGE = 50;

export type NoteItem = {
  id: string;
  threadId: string;
  revision: number;
  kind: NoteKind;
  visibility: NoteVisibility;
  contactDate: string;
  body: string;
  authorId: string;
  authorName: string;
  authorRole: Role;
  createdAt: Date;
  superseded: boolean;
};

export type TimelineItem = {
  id: number;
  kind: string;
  occurredAt: Date;
  actorName: string | null;
  details: Record<string, unknown>;
  /** names of the users and organizations the details mention, by id */
  names: Record<string, string>;
  /** for note events: the note version, when the caller may read it */
  note: NoteItem | null;
};


const noteColumns = {
  id: survivorNotes.id,
  threadId: survivorNotes.threadId,
  revision: survivorNotes.revision,
  kind: survivorNotes.kind,
  visibility: survivorNotes.visibility,
  contactDate: survivorNotes.contactDate,
  bodyEnc: survivorNotes.bodyEnc,
  authorId: survivorNotes.authorId,
  authorName: users.name,
  authorRole: survivorNotes.authorRole,
  authorOrganizationId: survivorNotes.authorOrganizationId,
  createdAt: survivorNotes.createdAt,
  supersededAt: survivorNotes.supersededAt,
};

type NoteRow = { [K in keyof typeof noteColumns]: unknown } & {
  id: string;
  threadId: string;
  revision: number;
  kind: NoteKind;
  visibility: NoteVisibility;
  contactDate: string;
  bodyEnc: string;
  authorId: string;
  authorName: string;
  authorRole: Role;
  authorOrganizationId: string | null;
  createdAt: Date;
  supersededAt: Date | null;
};

function readableNote(me: SessionUser, access: SurvivorAccess, note: NoteRow): NoteItem | null {
  const superseded = note.supersededAt !== null;
  if (!canReadNote(me, { ...note, superseded }, access)) return null;
  return {
    id: note.id,
    threadId: note.threadId,
    revision: note.revision,
    kind: note.kind,
    visibility: note.visibility,
    contactDate: note.contactDate,
    body: openNoteBody(note.id, note.bodyEnc),
    authorId: note.authorId,
    authorName: note.authorName,
    authorRole: note.authorRole,
    createdAt: note.createdAt,
    superseded,
  };
}

/** The timeline, newest first, a page at a time; note events carry the note when the caller may read it. */
export async function loadTimeline(db: Db, me: SessionUser, access: SurvivorAccess, survivorId: string, before?: number) {
  const actor = aliasedTable(users, "actor");
  const rows = await db
    .select({
      id: survivorEvents.id,
      kind: survivorEvents.kind,
      occurredAt: survivorEvents.occurredAt,
      actorName: actor.name,
      details: survivorEvents.details,
    })
    .from(survivorEvents)
    .leftJoin(actor, eq(actor.id, survivorEvents.actorUserId))
    .where(and(eq(survivorEvents.survivorId, survivorId), before ? lt(survivorEvents.id, before) : undefined))
    .orderBy(desc(survivorEvents.id))
    .limit(TIMELINE_PAGE + 1);
  const page = rows.slice(0, TIMELINE_PAGE);

  const noteIds = page.map((e) => e.details.noteId).filter((v): v is string => typeof v === "string");
  const ids = new Set<string>();
  for (const event of page) {
    for (const key of ["advocateId", "fromAdvocateId", "toAdvocateId", "userId", "requestedFor", "recipientOrganizationId", "attorneyId", "legalOrganizationId", "prosecutorOfficeId"]) {
      const value = event.details[key];
      if (typeof value === "string" && isUuid(value)) ids.add(value);
    }
  }
  const [notes, people, orgs] = await Promise.all([
    noteIds.length
      ? db.select(noteColumns).from(survivorNotes).innerJoin(users, eq(users.id, survivorNotes.authorId)).where(inArray(survivorNotes.id, noteIds))
      : Promise.resolve([]),
    ids.size ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids])) : Promise.resolve([]),
    ids.size ? db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, [...ids])) : Promise.resolve([]),
  ]);
  const noteById = new Map(notes.map((n) => [n.id, n as NoteRow]));
  const names = Object.fromEntries([...people, ...orgs].map((p) => [p.id, p.name]));
  const items: TimelineItem[] = [];
  for (const event of page) {
    const noteId = event.details.noteId;
    if (typeof noteId === "string") {
      const note = noteById.get(noteId);
      const readable = note ? readableNote(me, access, note) : null;
      // A note the caller may not read leaves no trace on their timeline.
      if (!readable) continue;
      items.push({ ...event, names, note: readable });
    } else {
      items.push({ ...event, names, note: null });
    }
  }
  return { items, nextBefore: rows.length > TIMELINE_PAGE ? page[page.length - 1]!.id : null };
}

/** Current, normal-visibility notes for a release recipient with the case-notes category. */
export async function loadSharedNotes(db: Db, me: SessionUser, access: SurvivorAccess, survivorId: string): Promise<NoteItem[]> {
  const rows = await db
    .select(noteColumns)
    .from(survivorNotes)
    .innerJoin(users, eq(users.id, survivorNotes.authorId))
    .where(and(eq(survivorNotes.survivorId, survivorId), isNull(survivorNotes.supersededAt), eq(survivorNotes.visibility, "normal")))
    .orderBy(desc(survivorNotes.createdAt))
    .limit(100);
  return rows.flatMap((n) => readableNote(me, access, n as NoteRow) ?? []);
}

