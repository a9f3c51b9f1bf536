/**
 * The files the store writes, as valibot schemas: each wraps the domain's documents
 * (domain/schema.ts) with the version of the format it was written in, so an older file can be
 * upgraded (migrations.ts) and a newer one refused rather than misread.
 */
import * as v from 'valibot';
import { ArticleSchema, ArticleSummarySchema, PublishedCheckSchema, SettingsSchema, SourceDocumentSchema, TrashEntrySchema } from '../domain/schema';

/** Bumped whenever the shape of a file changes; see migrations.ts. */
export const SCHEMA_VERSION = 3;

export const DocumentFileSchema = v.object({
  version: v.literal(SCHEMA_VERSION),
  document: SourceDocumentSchema,
});
export type DocumentFile = v.InferOutput<typeof DocumentFileSchema>;

export const ArticleFileSchema = v.object({
  version: v.literal(SCHEMA_VERSION),
  article: ArticleSchema,
});
export type ArticleFile = v.InferOutput<typeof ArticleFileSchema>;

export const LibraryFileSchema = v.object({
  version: v.literal(SCHEMA_VERSION),
  articles: v.array(ArticleSummarySchema),
  trash: v.array(TrashEntrySchema),
});
export type LibraryFile = v.InferOutput<typeof LibraryFileSchema>;

export const SettingsFileSchema = v.object({ version: v.literal(SCHEMA_VERSION), settings: SettingsSchema });
export type SettingsFile = v.InferOutput<typeof SettingsFileSchema>;

export const PublishedChecksFileSchema = v.object({
  version: v.literal(SCHEMA_VERSION),
  checks: v.array(PublishedCheckSchema),
});
export type PublishedChecksFile = v.InferOutput<typeof PublishedChecksFileSchema>;
