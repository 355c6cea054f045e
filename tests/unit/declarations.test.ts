// The ledger declarations are the single source for form, table, import/export and validation: check that
// each is internally consistent and matches DOMAIN.md's headers.
import { describe, expect, it } from 'vitest';
import { LEDGERS, LEDGER_KINDS } from '../../electron/domain/ledgers';

// Chinese headers of DOMAIN.md, in order (plus 承办人 and 备注 common to every ledger). Issue 15 added 报备期限 (the
// derived deadline of §1's filing warning) and §11's 司法建议/检察建议 收到日期, 回复期限, 回复日期; issue 18 the
// case file's procedure facts of §11 (被申请行为, 复议请求, 补正, 副本, 答复, 听证, 延期, 送达; 诉讼请求, 上诉期限).
const HEADERS: Record<string, string> = {
  normative:
    '审查类型 送审编号 文件名称 起草单位 文件层级 送审日期 审核期限 办结日期 审核结论 意见条数 采纳条数 公开征求意见 公平竞争审查 登记编号 文号 公布日期 施行日期 有效期至 报备期限 报备上级政府日期 报备人大常委会日期 文件状态 清理类型 清理日期',
  decision:
    '决策事项名称 承办单位 事项类别 列入年度目录 送审日期 审查期限 办结日期 公众参与 征求意见天数 专家论证 风险评估 听证 审查结论 意见条数 集体讨论日期 决策结果 公布日期 后评估',
  contract:
    '合同名称 送审单位 合同相对方 合同类型 行政协议 标的额(万元) 以政府名义签订 重大合同 送审日期 审查期限 办结日期 审查结论 意见条数 采纳条数 签订日期 备案日期 履约状态',
  reconsideration:
    '案号 收到申请日期 申请方式 申请人 申请人类型 涉企 被申请人 被申请人类型 行政管理领域 行为类别 复议前置 附带审查规范性文件 一并请求赔偿 被申请行为名称 被申请行为文号 被申请行为作出日期 复议请求 事实和理由 受理情况 受理日期 适用程序 听证 提请复议委员会 中止天数 延期 受理审查期限 审理期限 补正通知日 补正期限 补正完成日 副本发送期限 副本发送日 答复通知书送达日 答复期限 答复收到日 听证日期 听证地点 延期批准日 延期天数 审结日期 决定书送达日 审结方式 被申请人自行纠正 决定书公开 制发意见书建议书 复议后起诉',
  litigation:
    '案号 审级 关联案号 收案日期 管辖法院 原告 原告类型 涉企 被告 被告类型 复议机关共同被告 行为类别 行政管理领域 诉讼请求 答辩期限 答辩提交日期 开庭次数 负责人出庭次数 出庭负责人 未出庭原因 结案日期 结案方式 裁判结果 被告改变后撤诉 败诉 裁判文书收到日 上诉期限 上诉 上诉提交日 司法建议 司法建议收到日期 司法建议回复期限 司法建议回复日期 检察建议 检察建议收到日期 检察建议回复期限 检察建议回复日期',
  casefile:
    '评查批次 评查方式 被评查单位 执法领域 案卷类型 案号 当事人 办结日期 评查日期 评查人 否决项 卷面分 内容分 总分 等次 优秀案卷 问题条数 主要问题 整改期限 整改完成日期',
};

describe.each(LEDGER_KINDS)('%s declaration', (kind) => {
  const def = LEDGERS[kind];
  const keys = def.fields.map((f) => f.key);

  it("has DOMAIN.md's Chinese headers in order, plus 承办人, 协办人 (issue 19) and 备注", () => {
    expect(def.fields.map((f) => f.label)).toEqual([...HEADERS[kind].split(' '), '承办人', '协办人', '备注']);
  });

  it('has unique keys and labels, options for every enum, and sane widths', () => {
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(def.fields.map((f) => f.label)).size).toBe(keys.length);
    for (const f of def.fields) {
      if (f.type === 'enum' || f.type === 'multiEnum') expect(f.options?.length, f.key).toBeGreaterThan(0);
      expect(f.width ?? 6, f.key).toBeGreaterThan(0);
    }
  });

  it('names existing fields in its columns, title, primary date and deadlines', () => {
    for (const c of def.defaultColumns) expect(keys, c).toContain(c);
    expect(keys).toContain(def.titleField);
    expect(def.fields.find((f) => f.key === def.primaryDate)?.type).toBe('date');
    expect(def.fields.find((f) => f.key === def.primaryDate)?.required).toBe(true);
    for (const d of def.deadlines) {
      expect(def.fields.find((f) => f.key === d.field)?.type, d.field).toBe('date');
      expect(keys, d.doneField).toContain(d.doneField);
      // the board loads only the fields `applies` declares it reads: any other read would see nothing
      for (const r of d.reads ?? []) expect(keys, r).toContain(r);
      if (d.applies) {
        const read = new Set<string>();
        d.applies(new Proxy({}, { get: (_, k) => (typeof k === 'string' && read.add(k), undefined) }));
        expect(
          [...read].filter((k) => !(d.reads ?? []).includes(k)),
          `${def.kind}.${d.field}`,
        ).toEqual([]);
      }
    }
  });
});
