// The error catalogue: every error a client can get, with a stable id (for machines), an HTTP status
// and a Chinese message a person can act on.
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { DomainError } from '../domain/errors.ts';
import type { DomainErrorId } from '../domain/errors.ts';
import { IMPORT_ERROR_CATALOGUE } from './import-errors.ts';

type ErrorId =
  | DomainErrorId
  | 'request.invalid'
  | 'request.malformed_json'
  | 'request.too_large'
  | 'request.unsupported_encoding'
  | 'request.unreadable_body'
  | 'request.malformed_url'
  | 'request.not_found'
  | 'internal';

export const ERROR_CATALOGUE: Record<ErrorId, { status: number; message: string }> = {
  'request.invalid': { status: 400, message: '请求参数不正确，请检查标出的字段。' },
  'request.malformed_json': { status: 400, message: '请求内容不是有效的 JSON。' },
  'request.too_large': { status: 413, message: '请求内容过大：一次请求的内容不能超过 1 MB。' },
  'request.unsupported_encoding': {
    status: 415,
    message: '请求内容的编码不受支持：请以 UTF-8 编码发送，不压缩或以 gzip、deflate、br 压缩。',
  },
  'request.unreadable_body': {
    status: 400,
    message: '请求内容无法读取（压缩数据损坏、长度与声明不符或传输中断），未作任何记录，请重新发送。',
  },
  'request.malformed_url': {
    status: 400,
    message: '请求地址中有无法解码的字符（百分号编码不正确），请检查地址。',
  },
  'request.not_found': { status: 404, message: '请求的地址不存在。' },
  'evaluation.unknown_level': {
    status: 400,
    message: '评价等级无效，应为：非常满意、满意、基本满意、不满意、非常不满意之一。',
  },
  'evaluation.unknown_tag': {
    status: 400,
    message:
      '勾选的评价内容不在该评价等级可选的预置内容中（可能刚刚停用或改名）：请按当前可选的评价内容重新选择。',
  },
  'evaluation.bad_review_needs_content': {
    status: 400,
    message: '差评（不满意、非常不满意）须勾选评价内容或填写文字评价。',
  },
  'evaluation.real_name_needs_contact': {
    status: 400,
    message: '实名评价请填写姓名和手机号码（用于回访和反馈处理结果）；不愿留下的，请取消“实名评价”。',
  },
  'evaluation.unknown_service_record': { status: 400, message: '办件不存在，请核对办件编号。' },
  'evaluation.duplicate': { status: 400, message: '该办件已评价，每次服务只能评价一次。' },
  'evaluation.no_platform': { status: 400, message: '该办件未经任何政务服务平台办理，无法评价平台。' },
  'evaluation.rating_code_invalid': {
    status: 403,
    message: '办件编号或评价码不正确：请核对办件回执上的 8 位评价码（扫描回执上的二维码可自动填写）。',
  },
  'evaluation.rating_code_attempts': {
    status: 429,
    message:
      '评价码错误次数过多，请 15 分钟后再试。如您并未输错（同一无线网络下的其他人可能输错过），可关闭无线网络、改用手机数据网络后重新扫码；如评价码遗失，请向办理窗口或办理系统重新打印办件回执。',
  },
  'evaluation.channel_not_public': {
    status: 403,
    message:
      '此接口只接收扫码评价：窗口评价器、网上平台、短信回复和书面评价表须经各自的接口提交，以便核验来源（见 details.endpoint）。',
  },
  'evaluation.staff_cannot_rate': { status: 403, message: '工作人员不得代替服务对象评价。' },
  'evaluation.not_yet_rateable': {
    status: 400,
    message:
      '该办件尚未办结，暂不能评价：网上、移动端和自助终端办理的事项办结后方可评价；超出承诺时限未办结的，自承诺时限的下一个工作日起方可评价。',
  },
  'evaluation.rated_before_accepted': {
    status: 400,
    message: '评价时间早于办件的受理时间：请核对评价日期（书面评价表上填写的日期）。',
  },
  'evaluation.rated_in_future': {
    status: 400,
    message: '评价时间晚于当前时间：请报送评价人在平台上作出评价的实际时间。',
  },
  'evaluation.window_closed': {
    status: 400,
    message: '该办件的评价期已过：评价提醒后的 5 个工作日内未评价的记为“未评”，不再接受评价。',
  },
  'evaluation.no_theme': { status: 400, message: '该办件不属于主题式业务，不能作主题总体评价。' },
  'evaluation.theme_overall_of_service': {
    status: 400,
    message: '主题业务的总体评价针对服务本身；对办理平台的评价请按办件分别提交（scope 为 item）。',
  },
  'evaluation.batch_already_rated': {
    status: 400,
    message: '该批量业务已评价：一次评价适用于本批办理的所有办件，不能再次评价。',
  },
  'evaluation.theme_rated_overall': {
    status: 400,
    message: '该主题业务已作总体评价，评价结果适用于所有关联事项，不能再对单个事项评价。',
  },
  'evaluation.theme_rated_per_item': {
    status: 400,
    message: '该主题业务已对关联事项分别评价，不能再作总体评价。',
  },
  'evaluation.not_found': { status: 404, message: '评价不存在，请核对评价编号。' },
  'evaluation.answer_not_found': {
    status: 404,
    message:
      '未找到这条差评的处理结果：请核对评价编号（评价提交后页面给出的链接中带有编号；只有差评才有处理结果）。',
  },
  'contact.user_not_allowed': {
    status: 403,
    message: '只有监督人员或 12345 热线话务员可以查看评价人的联系方式；该用户不存在或无此权限。',
  },
  'contact.not_for_return_visit': {
    status: 403,
    message:
      '12345 热线话务员只能查看实名差评评价人的联系方式（用于回访）；匿名评价或未形成差评案件的评价不显示联系方式。',
  },
  'contact.reason_required': {
    status: 400,
    message: '请说明查看评价人联系方式的理由（如回访、核实），理由将记入查看记录。',
  },
  'fraud_review.basis_required': {
    status: 400,
    message: '请填写核查依据（2 至 2000 字）：确认或排除刷评都须写明依据，依据记入核查记录，不可更改。',
  },
  'fraud_review.not_flagged': {
    status: 409,
    message: '该评价没有刷评线索：只有被系统标记的评价才由监督人员确认或排除刷评。',
  },
  'fraud_review.already_decided': {
    status: 409,
    message: '该评价的刷评线索已有核查结论，结论不可更改：请刷新列表查看核查人、时间和结论。',
  },
  'fraud_review.not_adopted': {
    status: 409,
    message:
      '该评价已在申诉复核中认定不予采纳，已不计入满意度统计，无须再核查刷评线索（见 details 中的认定理由和时间）。',
  },
  'statistics.bad_month': {
    status: 400,
    message: '统计月份格式不正确：请写成“年-月”，如 2026-11（2019 年及以后）。',
  },
  'statistics.future_month': { status: 400, message: '统计月份尚未开始，请选择本月或以前的月份。' },
  'service_record.duplicate': { status: 409, message: '办件编号已存在。' },
  'service_record.reported_by_other_system': {
    status: 403,
    message: '该办件不是由本接入系统报送的：其办结情况、评价码和回执二维码只能由报送它的系统报告或取得。',
  },
  'service_record.unknown_item': { status: 400, message: '事项编码不存在，请核对事项清单。' },
  'service_record.unknown_department': { status: 400, message: '办理单位不存在。' },
  'service_record.unknown_institution': { status: 400, message: '办理窗口或服务机构不存在。' },
  'service_record.unknown_platform': { status: 400, message: '政务服务平台不存在。' },
  'service_record.times_out_of_order': {
    status: 400,
    message: '办件时间顺序不对：承诺办结时间和办结时间都不能早于受理时间。',
  },
  'service_record.time_in_future': {
    status: 400,
    message: '受理时间或办结时间晚于当前时间：办件受理、办结之后再报送。',
  },
  'service_record.joins_rated_group': {
    status: 409,
    message:
      '该批次或主题已有评价，不能再加入新的办件：批量业务的一次评价只适用于评价时的办件，主题总体评价只适用于评价时关联的事项。',
  },
  'service_record.group_mismatch': {
    status: 409,
    message:
      '批次号或主题号已被其他办件使用：同一批次须是同一接入系统报送的同一事项（第九条：单次申报同一事项），同一主题须是同一接入系统报送的办件。请使用本系统唯一的批次号或主题号。',
  },
  'service_record.not_found': { status: 404, message: '办件不存在，请核对办件编号。' },
  'service_record.already_completed': {
    status: 409,
    message: '该办件已登记办结，办结时间不能再次登记或更改。',
  },
  'institution.not_found': { status: 404, message: '服务窗口或机构不存在，请核对编号。' },
  'task.not_found': { status: 409, message: '该任务不存在或已被他人办理，请刷新待办列表。' },
  'task.form_invalid': { status: 400, message: '表单填写不完整或不正确，请检查标出的字段。' },
  'case.not_found': { status: 404, message: '案件不存在。' },
  'model.malformed_xml': {
    status: 400,
    message: '模型文件不是有效的 XML（问题位置见 details.line、details.column），未保存，也未部署。',
  },
  'model.unparseable': {
    status: 400,
    message: 'XML 格式正确，但不是可识别的 BPMN 流程或 DMN 决策模型（见 details.reason），未保存，也未部署。',
  },
  'model.not_found': { status: 404, message: '模型不存在：引擎中没有部署过，processes/ 中也没有该模型。' },
  'model.version_not_found': { status: 404, message: '该模型没有这个版本，请在版本列表中选择。' },
  'model.draft_not_found': { status: 404, message: '草稿不存在，请核对草稿编号。' },
  'model.draft_conflict': {
    status: 409,
    message:
      '保存冲突：该草稿已被 details.updatedByName 在您打开之后修改。您的内容没有覆盖对方的修改，已另存为新草稿（编号见 details.savedAsDraftId），请比较两份草稿后合并。',
  },
  'model.draft_stale': {
    status: 409,
    message: '草稿在您打开之后已被他人修改，未部署：请重新打开最新的草稿，确认后再部署。',
  },
  'model.key_mismatch': {
    status: 400,
    message: '流程或决策的编号与草稿不一致（应为 details.expected）：改编号等于新建模型，请另存为新草稿。',
  },
  'model.check_failed': {
    status: 400,
    message: '模型检查未通过，未部署：请按 details.problems 逐项修改（问题已在图上标出）。',
  },
  'model.engine_rejected': {
    status: 400,
    message: '流程引擎拒绝了该模型（原因见 details.engineMessage），未部署。',
  },
  'task.not_visible': { status: 404, message: '任务不存在，或不在您所在部门的办理范围内。' },
  'task.claimed_by_other': {
    status: 409,
    message: '该任务已由其他同事签收，请联系签收人或由其退回签收后再办理。',
  },
  'task.transfer_invalid': {
    status: 400,
    message: '转办对象无效：只能转办给同属该任务办理部门的其他同事。',
  },
  'task.send_back_not_allowed': {
    status: 400,
    message: '该环节不能退回（流程模型未设置可退回的上一环节），或未填写退回理由。',
  },
  'task.group_not_mine': { status: 403, message: '只能查看本人所在部门的待办。' },
  'comment.invalid': { status: 400, message: '意见内容不能为空，且不超过 2000 字。' },
  'device.other_window': {
    status: 403,
    message: '该评价器不在办理该办件的窗口（或其所在大厅），不能对该办件评价，请在办理窗口的评价器上评价。',
  },
  'evaluation_tag.invalid': {
    status: 400,
    message:
      '评价内容填写不正确：名称 1–32 字，维度为服务态度、服务质量、办事效率、服务环境之一，褒贬为 good 或 bad。',
  },
  'evaluation_tag.not_found': { status: 404, message: '该评价内容编码不存在。' },
  'evaluation_tag.duplicate': {
    status: 409,
    message: '该评价内容编码已存在，请修改已有内容而不是重复新增。',
  },
  'evaluation_tag.label_taken': {
    status: 409,
    message:
      '已有同名的评价内容在用（见 details.code）：评价只记录所选内容的名称，同名的两项无法区分。请改用其他名称，或修改、停用已有的那一项。',
  },
  'evaluation_tag.label_has_separator': {
    status: 400,
    message:
      '评价内容名称不能含有顿号、逗号、分号或换行（、，,；;）：书面评价表和综合点评的“标签”一格以这些符号分隔多项内容，含有它们的名称无法导入。请改用其他写法（如“等候过久/无人引导”）或分为两项。',
  },
  'process_definition.not_found': { status: 404, message: '流程定义不存在。' },
  'auth.required': { status: 401, message: '请先登录。' },
  'auth.session_expired': { status: 401, message: '登录已超时，请重新登录。' },
  'auth.invalid_credentials': { status: 401, message: '用户名或密码不正确。' },
  'auth.locked': {
    status: 423,
    message: '密码连续错误次数过多，账号已临时锁定，请在 details.lockedUntil 之后再试或联系管理员。',
  },
  'auth.csrf_invalid': { status: 403, message: '页面已过期或请求来源不可信，请刷新页面后重试。' },
  'auth.forbidden': { status: 403, message: '您的角色无权进行此操作。' },
  'calendar.invalid_notice': {
    status: 400,
    message: '放假通知文件未通过校验，未载入任何内容。请按 details.issues 中列出的日期和规则改正后重新载入。',
  },
  'calendar.loaded_by_required': {
    status: 400,
    message: '请注明载入人：命令行载入时用 --by <姓名>；通过接口载入时以登录的管理员账号为载入人。',
  },
  'attachment.file_required': {
    status: 400,
    message: '请选择要上传的文件：以 multipart/form-data 在字段 file 中上传一个文件。',
  },
  'attachment.malformed_upload': {
    status: 400,
    message: '上传内容格式不正确：每次只上传一个文件，字段名为 file（multipart/form-data）。',
  },
  'attachment.too_large': { status: 413, message: '文件超过 10 MB，请压缩或拆分后重新上传。' },
  'attachment.type_not_allowed': {
    status: 415,
    message: '只接受 PDF、JPEG、PNG 格式的证据文件；文件内容与其格式不符（如改过扩展名）的也不接受。',
  },
  'attachment.case_closed': { status: 409, message: '该差评案件已结案，不再接收附件。' },
  'attachment.not_found': { status: 404, message: '附件不存在。' },
  'hotline.bad_signature': {
    status: 401,
    message:
      '签名缺失或不正确：请用约定的共享密钥对“时间戳.请求体”做 HMAC-SHA256 签名（x-hcp-timestamp、x-hcp-signature）。',
  },
  'hotline.stale_timestamp': {
    status: 401,
    message: '请求时间戳超出允许范围（前后 5 分钟）：请校准 12345 系统时钟，并用当前时间重新签名后重发。',
  },
  'hotline.unknown_case': { status: 404, message: '工单关联的差评案件不存在，请核对工单的外部编号。' },
  'hotline.work_order_mismatch': {
    status: 409,
    message: '工单编号与该案件登记的 12345 工单编号不一致，未处理。',
  },
  'hotline.case_closed': { status: 409, message: '该差评案件已结案，不再接收回访结果。' },
  'hotline.return_visit_not_awaited': {
    status: 409,
    message: '该差评案件当前不在等待回访结果的环节（尚未整改完毕或已记录回访），未处理。',
  },
  'hotline.unknown_result': {
    status: 400,
    message:
      '回访结果无效，应为：satisfied（满意）、basically-satisfied（基本满意）、dissatisfied（不满意）之一。',
  },
  'code_table.unknown_level_code': {
    status: 400,
    message: '满意度代码无效：请按约定的代码表填写（见 details.known）。',
  },
  'code_table.unknown_channel_code': {
    status: 400,
    message: '评价渠道代码无效：请按约定的渠道代码表填写（见 details.known）。',
  },
  'code_table.default_rating_refused': {
    status: 400,
    message: '不接收“系统默认评价”：评价须由服务对象本人作出，未评价的办件记为未评。',
  },
  'device.unauthorized': {
    status: 401,
    message: '评价器未登记或设备密钥不正确：请在请求头 x-device-key 中填写该评价器的密钥。',
  },
  'partner.code_table_unavailable': {
    status: 503,
    message:
      '本接入系统登记的代码表未在服务器载入（新增或更换的代码表在服务器重启后生效），评价未保存：请联系系统管理员，稍后重新报送。',
  },
  'partner.unauthorized': {
    status: 401,
    message: '接入系统密钥缺失或不正确：请在请求头 x-partner-key 中填写分配给本系统的密钥。',
  },
  'partner.other_platform': {
    status: 403,
    message:
      '接入系统只能评价本平台：该办件不是经本系统所属平台办理的，不能对其平台作评价（见 details.platformId）。',
  },
  'sms.unauthorized': {
    status: 401,
    message: '短信网关令牌缺失或不正确：请在请求头 authorization 中以 Bearer 方式填写约定的令牌。',
  },
  'sms.unreadable_reply': {
    status: 400,
    message:
      '短信回复无法识别：请以数字 1–5 开头（1 非常满意、2 满意、3 基本满意、4 不满意、5 非常不满意），数字后附文字的，请先空一格或加标点，例如“4 等候时间太长”。',
  },
  'sms.several_waiting_invitations': {
    status: 409,
    message:
      '该手机号码有多件办件在评价期内，短信回复无法确定评价的是哪一件，本条回复未记录。已短信告知评价人通过各办件提醒短信中的链接评价。',
  },
  'sms.no_waiting_invitation': {
    status: 404,
    message: '未找到该手机号码待评价的办件（已评价、已过评价期限或号码不符），本条回复未记录。',
  },
  ...IMPORT_ERROR_CATALOGUE,
  internal: { status: 500, message: '系统内部错误，请稍后重试或联系管理员。' },
};

export interface ErrorBody {
  error: { id: ErrorId; message: string; details?: unknown };
}

export function errorBody(id: ErrorId, details?: unknown): { status: number; body: ErrorBody } {
  const entry = ERROR_CATALOGUE[id];
  return {
    status: entry.status,
    body: { error: { id, message: entry.message, ...(details ? { details } : {}) } },
  };
}

/** A zod refusal as `{ path, problem }` per field: what every 400 with field errors carries. */
export function zodDetails(error: ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), problem: issue.message }));
}

/** The 4xx status an express or body-parser error carries (http-errors' `status`), if it carries one. */
function clientErrorStatus(error: unknown): number | undefined {
  if (!(error instanceof Error) || !('status' in error)) return undefined;
  const { status } = error;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/**
 * The catalogue entry of a request refused before any route saw it, else undefined: JSON that does not parse,
 * a body too large (body-parser's 413), in a charset or compression it does not read (415), unreadable (a
 * broken gzip stream, a wrong length: 400), or a path the router cannot percent-decode (a URIError, 400).
 */
export function requestRefusalOf(error: unknown): ErrorId | undefined {
  if (error instanceof SyntaxError && 'body' in error) return 'request.malformed_json';
  const status = clientErrorStatus(error);
  if (status === undefined) return undefined;
  if (status === 413) return 'request.too_large';
  if (status === 415) return 'request.unsupported_encoding';
  if (error instanceof URIError) return 'request.malformed_url';
  return 'request.unreadable_body';
}

export function createErrorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error: unknown, _request, response, _next) => {
    let reply: { status: number; body: ErrorBody };
    const refused = requestRefusalOf(error);
    if (error instanceof DomainError) reply = errorBody(error.id, error.details);
    else if (error instanceof ZodError) reply = errorBody('request.invalid', zodDetails(error));
    else if (refused !== undefined) reply = errorBody(refused);
    else {
      log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      reply = errorBody('internal');
    }
    response.status(reply.status).json(reply.body);
  };
}
