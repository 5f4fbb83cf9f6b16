// The shapes of docs/tasklist-api.md, as the UI reads them.

// The roles are the server's own (one list: a role added there is known here).
export type { UserRole as Role } from '../../server/auth/session-user.ts';
import type { UserRole as Role } from '../../server/auth/session-user.ts';

export interface Department {
  id: string;
  name: string;
  kind?: string;
  regionCode?: string;
  /** Connected to the system: its people work cases (GET /api/departments). */
  acceptsCases?: boolean;
}

export interface User {
  id: string;
  name: string;
  role: Role;
  departmentIds: string[];
  departments: Department[];
}

export interface Session {
  user: User;
  csrfToken: string;
  idleMinutes: number;
}

export type SlaState = 'on-track' | 'at-risk' | 'overdue';

export interface TaskRow {
  id: string;
  name: string;
  stage: string;
  formKey?: string | null;
  caseId: string;
  assignee: { id: string; name: string } | null;
  createdAt: string;
  dueAt: string | null;
  /** The due date reaches into a year whose holidays are not yet published: it may still move. */
  dueProvisional?: boolean;
  completedAt?: string | null;
  sla: { state: SlaState; workingDaysLeft: number } | null;
  canSendBack: boolean;
  case: {
    level: string;
    levelName: string;
    itemCode: string | null;
    itemName: string | null;
    /** Null for a 综合点评 (no 办件): `subject` says what was rated. */
    serviceRecordId: string | null;
    subject: RatedSubject | null;
    responsibleDepartment: { id: string; name: string } | null;
  };
}

export interface RatedSubject {
  type: 'institution' | 'item' | 'platform';
  name: string;
}

export interface TaskPage {
  total: number;
  page: number;
  pageSize: number;
  tasks: TaskRow[];
}

export interface TaskDetail extends TaskRow {
  context?: Record<string, unknown>;
  /**
   * May claim, complete, transfer or send it back (server/api/tasks/task-access.ts); false for those who
   * may only look, such as a supervisor or an admin following a link.
   */
  workable: boolean;
}

export interface TimelineEvent {
  kind: string;
  stage: string | null;
  actor: string | null;
  actorName?: string | null;
  occurredAt?: string;
  at?: string;
  detail: Record<string, unknown> | null;
}

export interface SlaClock {
  stage: string;
  state: string;
  startedAt: string | null;
  dueAt: string | null;
  dueProvisional?: boolean;
  doneAt: string | null;
  round?: number;
}

export interface CaseView {
  id: string;
  status: string;
  responsibleDepartmentId: string | null;
  responsibleDepartment?: { id: string; name: string } | null;
  outcome: string | null;
  openedAt: string | null;
  closedAt: string | null;
  evaluation: {
    id: string;
    level: string;
    channel: string;
    target?: string;
    tags: string[];
    text: string | null;
    realName: boolean;
    rater: { name: string | null; phone: string | null };
    ratedAt: string | null;
    /** 'subject_evaluations': a 综合点评, rating an institution, item or platform without a 办件. */
    ledger?: 'evaluations' | 'subject_evaluations';
    sourceRef?: string | null;
    serviceRecord: {
      id: string;
      itemCode: string;
      itemName?: string;
      handlingDepartmentId: string;
      handlingDepartmentName?: string;
      acceptedAt?: string | null;
      completedAt?: string | null;
      channel?: string;
    } | null;
    subject?:
      (RatedSubject & { id: string; departmentId: string | null; departmentName: string | null }) | null;
    /** A supervisor's review of the rating as fraud (art. 23), or null. */
    fraudReview?: FraudReview | null;
  };
  timeline: TimelineEvent[];
  slaClocks: SlaClock[];
  /** Every round's answer to the rater, the first first; `answer` is the latest. */
  answers: RaterAnswer[];
  answer: RaterAnswer | null;
}

export interface RaterAnswer {
  round: number;
  kind: 'rectification' | 'consultation' | 'not-adopted' | 'escalation-closed' | null;
  channel: string;
  message: string;
  at: string;
}

export interface ProcessProgress {
  processInstanceId: string;
  processDefinitionId: string;
  key: string;
  name: string | null;
  ended: boolean;
  activeActivityIds: string[];
  passedActivityIds: string[];
}

export interface Attachment {
  id: string;
  caseId: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedBy: string;
  uploaderName?: string | null;
  uploadedAt: string;
  href: string;
}

export interface CaseComment {
  id: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: string;
}

export interface Colleague {
  id: string;
  name: string;
  departmentId?: string;
  departmentName?: string;
}

/** GET /api/fraud-flags: one flag, with its rating (contact masked) and the rating's review. */
export interface FraudFlag {
  id: string;
  signal: string;
  reasons: string;
  createdAt: string;
  evaluation: {
    id: string;
    level: string;
    levelLabel: string;
    channel: string;
    ratedAt: string;
    tags: string[];
    text: string;
    rater: { name: string | null; phone: string | null };
    serviceRecordId: string;
    handlingDepartmentId: string;
    institutionId: string | null;
    institutionName?: string | null;
    /** The case a 差评 opened, or null. */
    caseId: string | null;
    caseStatus: 'pending-start' | 'open' | 'closed' | null;
  };
  review: FraudReview | null;
}

export interface FraudReview {
  outcome: 'confirmed' | 'dismissed';
  outcomeLabel: string;
  basis: string;
  reviewedBy: { id: string; name: string | null };
  reviewedAt: string;
}
