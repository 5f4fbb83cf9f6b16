// What the published figures (art. 25) and the ranking of units (art. 26–28) are computed from, for a period:
// ratings as statistics count them (counted_ratings: neither not adopted after appeal nor confirmed
// fraudulent), by level, channel, kind and responsible unit; the 办件 completed in the period, rated or 未评;
// and the 差评 cases of the period's ratings, how far they got. Counts only: no rating, rater or text.
import { isEvaluationLevel, type EvaluationLevel } from '../../domain/evaluation/levels.ts';
import { ON_SITE_CHANNELS } from '../../domain/evaluation/channels.ts';
import type { RatingCountRow } from '../../domain/statistics/rating-counts.ts';
import type { Executor } from '../db.ts';

export interface PeriodBounds {
  from: Date;
  to: Date;
}

// The unit a rating answers to, as its 差评 would be routed (art. 17): a platform's rating to the platform's
// builder, any other to the 办件's handling unit, or for 综合点评 and 监督查评 to the institution's or the
// item's unit. Each ledger read by its rating time's index: the 办件 ledger through counted_evaluations
// (which has the target), the other through counted_ratings, whose 办件 branch its ledger test switches off.
// The kind of a 办件's rating is counted_ratings' (现场 or 网上 by channel: ON_SITE_SQL, tested against it).
// A theme's overall rating (theme_overall_ratings) also names the other units handling the theme's 办件 it
// applies to (service_record_ratings: not one whose window had closed with 未评 before it, art. 9–10).
const ON_SITE_SQL = `(${ON_SITE_CHANNELS.map((channel) => `'${channel}'`).join(', ')})`;
const RATINGS_SQL = `
  select d.id as unit, d.name as unit_name, r.theme_units, r.kind, r.channel, r.level, count(*)::int as count
    from (
      select case when e.channel in ${ON_SITE_SQL} then 'on-site' else 'online' end as kind,
             e.channel::text as channel, e.level::text as level,
             coalesce(p.builder_department_id, sr.handling_department_id) as unit,
             case when t.evaluation_id is not null then (
               select coalesce(json_agg(json_build_object('id', md.id, 'name', md.name) order by md.id), '[]')
                 from departments md
                where md.id <> sr.handling_department_id
                  and exists (select 1 from service_record_ratings a
                                join service_records m on m.id = a.service_record_id
                               where a.evaluation_id = e.id and a.applies_as = 'theme'
                                 and m.handling_department_id = md.id)
             )::text else '[]' end as theme_units
        from counted_evaluations e
        join service_records sr on sr.id = e.service_record_id
        left join platforms p on e.target = 'platform' and p.id = sr.platform_id
        left join theme_overall_ratings t on t.evaluation_id = e.id
       where e.rated_at >= ? and e.rated_at < ?
      union all
      select r.kind, r.channel::text, r.level::text,
             coalesce(p.builder_department_id, i.department_id, si.department_id), '[]'
        from counted_ratings r
        left join institutions i on i.id = r.institution_id
        left join service_items si on si.code = r.item_code
        left join platforms p on p.id = r.platform_id
       where r.ledger = 'subject_evaluations' and r.rated_at >= ? and r.rated_at < ?
    ) r
    left join departments d on d.id = r.unit
   group by d.id, d.name, r.theme_units, r.kind, r.channel, r.level`;

export async function ratingCounts(db: Executor, period: PeriodBounds): Promise<RatingCountRow[]> {
  const result = await db.raw<{
    rows: {
      unit: string | null;
      unit_name: string | null;
      theme_units: string;
      kind: string;
      channel: string;
      level: string;
      count: number;
    }[];
  }>(RATINGS_SQL, [period.from, period.to, period.from, period.to]);
  return result.rows
    .filter((row): row is typeof row & { level: EvaluationLevel } => isEvaluationLevel(row.level))
    .map((row) => ({
      unit: row.unit,
      unitName: row.unit_name,
      themeUnits: JSON.parse(row.theme_units) as { id: string; name: string }[],
      kind: row.kind,
      channel: row.channel,
      level: row.level,
      count: row.count,
    }));
}

export interface InvitationCounts {
  /** 办件 completed in the period: each invites a rating (art. 10). */
  completed: number;
  /** Of them, rated (their own rating, their batch's or their theme's) by a rating not confirmed fraudulent. */
  rated: number;
  /**
   * Of them, rated only by ratings confirmed fraudulent (art. 23): their raters never rated them. Their window
   * saw a rating, so no 未评 was recorded; statistics count them with the 未评.
   */
  ratedFraudulently: number;
  /** Of them, recorded 未评 when their window closed. */
  unrated: number;
}

/**
 * The 办件 completed in the period, rated or 未评; the rest still wait. A 办件 recorded 未评 and then rated after
 * all — a rating given within its window and entered later (art. 10) — counts as rated, once. Their ratings joined as a set: asked 办件 by
 * 办件, the three branches of service_record_ratings cost ~15 µs each (a month of a province: seconds).
 */
export async function invitationCounts(db: Executor, period: PeriodBounds): Promise<InvitationCounts> {
  const result = await db.raw<{ rows: InvitationCounts[] }>(
    `with cohort as (
       select sr.id from service_records sr where sr.completed_at >= ? and sr.completed_at < ?),
     rated as (
       select r.service_record_id,
              bool_or(not exists (select 1 from evaluation_decisions d
                                   where d.evaluation_id = r.evaluation_id and d.decision = 'fraud-confirmed'))
                as genuinely
         from cohort c
         join service_record_ratings r on r.service_record_id = c.id and r.target = 'service'
        group by r.service_record_id)
     select (select count(*) from cohort)::int as completed,
            (select count(*) from rated where genuinely)::int as rated,
            (select count(*) from rated where not genuinely)::int as "ratedFraudulently",
            (select count(*) from cohort c
               join unrated_service_records u on u.service_record_id = c.id
              where not exists (select 1 from rated r where r.service_record_id = c.id))::int as unrated`,
    [period.from, period.to],
  );
  return result.rows[0]!;
}

export interface CaseCounts {
  opened: number;
  closed: number;
  /** Of the cases that need an answer to the rater (all but those ended as fraud), answered. */
  needingAnswer: number;
  answered: number;
  /** Rectification rounds done within their working days, late, or still running past them. */
  rectifyMet: number;
  rectifyMissed: number;
  rectifyOverdue: number;
  returnVisits: number;
  /**
   * Cases whose return visit fell due (art. 18: every real-name 差评's rectification is visited by 12345): visited,
   * or their `return-visit` clock past its deadline — one still within it is not yet missing, one stopped (the
   * case ended before the visit) is owed no more; and of them those visited at least once. A case ended as
   * confirmed fraud is in neither, as in 差评回复率.
   */
  returnVisitsDue: number;
  returnVisited: number;
  /** 满意 or 基本满意 with the rectification. */
  returnVisitsSatisfied: number;
  outcomes: { outcome: string; count: number }[];
}

/**
 * The 差评 cases of the ratings rated in the period (their ratings counted or not: their handling is public). A
 * rectification still running past its deadline at `now` is late even before its overdue timer has fired.
 */
export async function caseCounts(db: Executor, period: PeriodBounds, now: Date): Promise<CaseCounts> {
  const inPeriod = `select c.id, c.status, c.outcome from cases c
      join case_ratings r on r.case_id = c.id
     where r.rated_at >= ? and r.rated_at < ?`;
  const bounds = [period.from, period.to];
  const totals = await db.raw<{ rows: Omit<CaseCounts, 'outcomes'>[] }>(
    `with period_cases as (${inPeriod})
     select count(*)::int as opened,
            count(*) filter (where pc.status = 'closed')::int as closed,
            count(*) filter (where pc.outcome is distinct from 'fraud-confirmed')::int as "needingAnswer",
            count(*) filter (where pc.outcome is distinct from 'fraud-confirmed'
                               and exists (select 1 from rater_answers a where a.case_id = pc.id))::int as answered,
            (select count(*) from sla_clocks s join period_cases x on x.id = s.case_id
              where s.stage = 'rectify' and s.state = 'met')::int as "rectifyMet",
            (select count(*) from sla_clocks s join period_cases x on x.id = s.case_id
              where s.stage = 'rectify' and s.state = 'missed')::int as "rectifyMissed",
            (select count(*) from sla_clocks s join period_cases x on x.id = s.case_id
              where s.stage = 'rectify'
                and (s.state = 'overdue'
                     or (s.state in ('on-track', 'at-risk') and s.done_at is null and s.due_at < ?)))::int
              as "rectifyOverdue",
            (select count(*) from case_events v join period_cases x on x.id = v.case_id
              where v.kind = 'return-visit-recorded')::int as "returnVisits",
            count(*) filter (where rv.owed
                               and (rv.visited
                                    or exists (select 1 from sla_clocks s
                                                where s.case_id = pc.id and s.stage = 'return-visit'
                                                  and s.state <> 'stopped'
                                                  and (s.state in ('overdue', 'missed') or s.due_at < ?))))::int
              as "returnVisitsDue",
            count(*) filter (where rv.owed and rv.visited)::int as "returnVisited",
            (select count(*) from case_events v join period_cases x on x.id = v.case_id
              where v.kind = 'return-visit-recorded'
                and v.detail->>'result' in ('satisfied', 'basically-satisfied'))::int as "returnVisitsSatisfied"
       from period_cases pc
       -- A case's return visit: owed unless it ended as confirmed fraud; visited once recorded.
       cross join lateral (
         select pc.outcome is distinct from 'fraud-confirmed' as owed,
                exists (select 1 from case_events v
                         where v.case_id = pc.id and v.kind = 'return-visit-recorded') as visited
       ) rv`,
    [...bounds, now, now],
  );
  const outcomes = await db.raw<{ rows: { outcome: string; count: number }[] }>(
    `with period_cases as (${inPeriod})
     select outcome, count(*)::int as count from period_cases
      where status = 'closed' and outcome is not null
      group by outcome order by count(*) desc, outcome`,
    bounds,
  );
  return { ...totals.rows[0]!, outcomes: outcomes.rows };
}
