import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "./errors";

/**
 * For pages: a record the data layer reports as not found (missing, malformed id, or not visible to
 * the caller) renders the 404 page, the same in every case so existence never leaks.
 */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
