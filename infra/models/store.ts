// Drafts of models (optimistic concurrency by revision) and the append-only audit of deploys.
import type { Db } from '../db.ts';
import type { ModelKind } from './parse.ts';

export interface DraftRow {
  id: string;
  kind: ModelKind;
  model_key: string;
  xml: string;
  revision: number;
  based_on_version: number | null;
  conflict_of: string | null;
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
}

export interface DeployRow {
  id: string;
  kind: ModelKind;
  model_key: string;
  resource_name: string;
  engine_deployment_id: string;
  engine_definition_id: string;
  version: number;
  deployed_by: string;
  deployed_at: Date;
  source_draft_id: string | null;
  rollback_of_version: number | null;
  xml_sha256: string;
}

export type DraftWithNames = DraftRow & { created_by_name: string | null; updated_by_name: string | null };

export function createModelStore(db: Db) {
  const draftsWithNames = () =>
    db('model_drafts as d')
      .leftJoin('users as c', 'c.id', 'd.created_by')
      .leftJoin('users as u', 'u.id', 'd.updated_by')
      .select('d.*', 'c.name as created_by_name', 'u.name as updated_by_name');

  return {
    async createDraft(draft: {
      kind: ModelKind;
      modelKey: string;
      xml: string;
      basedOnVersion: number | null;
      conflictOf?: string | null;
      userId: string;
      at: Date;
    }): Promise<DraftRow> {
      const [row] = await db('model_drafts')
        .insert({
          kind: draft.kind,
          model_key: draft.modelKey,
          xml: draft.xml,
          revision: 1,
          based_on_version: draft.basedOnVersion,
          conflict_of: draft.conflictOf ?? null,
          created_by: draft.userId,
          created_at: draft.at,
          updated_by: draft.userId,
          updated_at: draft.at,
        })
        .returning('*');
      return row as DraftRow;
    },

    /** Saves over `revision`; undefined when someone else saved first (the row's revision moved on). */
    async updateDraft(
      id: string,
      revision: number,
      change: { xml: string; userId: string; at: Date },
    ): Promise<DraftRow | undefined> {
      const [row] = await db('model_drafts')
        .where({ id, revision })
        .update({
          xml: change.xml,
          revision: db.raw('revision + 1'),
          updated_by: change.userId,
          updated_at: change.at,
        })
        .returning('*');
      return row as DraftRow | undefined;
    },

    async draft(id: string): Promise<DraftWithNames | undefined> {
      if (!/^\d{1,18}$/.test(id)) return undefined;
      return (await draftsWithNames().where('d.id', id).first()) as DraftWithNames | undefined;
    },

    async drafts(filter: { kind?: ModelKind; modelKey?: string }): Promise<DraftWithNames[]> {
      const query = draftsWithNames().orderBy('d.updated_at', 'desc').limit(200);
      if (filter.kind) void query.where('d.kind', filter.kind);
      if (filter.modelKey) void query.where('d.model_key', filter.modelKey);
      return (await query) as DraftWithNames[];
    },

    async recordDeploy(row: Omit<DeployRow, 'id'>): Promise<DeployRow> {
      const [stored] = await db('model_deploys').insert(row).returning('*');
      return stored as DeployRow;
    },

    async deploys(
      kind: ModelKind,
      modelKey: string,
    ): Promise<(DeployRow & { deployed_by_name: string | null })[]> {
      return (await db('model_deploys as m')
        .leftJoin('users as u', 'u.id', 'm.deployed_by')
        .where({ 'm.kind': kind, 'm.model_key': modelKey })
        .orderBy('m.version', 'desc')
        .select('m.*', 'u.name as deployed_by_name')) as (DeployRow & { deployed_by_name: string | null })[];
    },

    async departmentIds(): Promise<Set<string>> {
      const rows = (await db('departments').select('id')) as { id: string }[];
      return new Set(rows.map((row) => row.id));
    },
  };
}

export type ModelStore = ReturnType<typeof createModelStore>;
