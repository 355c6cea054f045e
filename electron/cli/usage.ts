// The usage text of `fazhi`, apart from the commands: `fazhi help` prints it without loading the core, SQLite or
// exceljs (electron/cli/entry.ts), so it answers at once (docs/performance.md).

import { LEDGER_KINDS } from '../domain/ledgers';

export const EXCHANGE_KINDS = [...LEDGER_KINDS, 'indicator', 'material'] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];

export const USAGE = `法治台账命令行

用法：fazhi <命令> [选项]        （开发环境：npm run cli -- <命令> [选项]）

命令：
  import <文件> --db <数据文件> --kind <类型> [--mapping 映射.json] [--existing update|skip]
                                                  导入 .xlsx/.csv/.json（全部成功才写入）；数据文件不存在时新建。
                                                  单位自己的表格：标题行、别名列名、常见取值自动识别；无法确定的列
                                                  或取值用 --mapping 指定（{"columns":{"列名":"字段|备注|忽略"},
                                                  "values":{"字段":{"表中写法":"可选值"}}}）。台账中已有的记录
                                                  （同案号，无案号时同名称同日期）默认不导入并列出，
                                                  --existing update 用表中的值更新，skip 跳过
  export --db <数据文件> --kind <类型> [--year 年度] [--scope 本级|全部|<单位>] --out <文件>
                                                  导出，格式由扩展名决定（.xlsx/.csv/.json/.docx）
  report --db <数据文件> --year <年度> [--template <模板.docx>] [--variant formal|web] [--scope 本级|全部|<单位>]
         --out <文件.docx>                        生成法治政府建设年度报告（formal 正式文本，web 网站公开版）；
                                                  正文的数字默认按全部单位，--scope 改为本级或某个下级单位
  stats --db <数据文件> --year <年度> [--scope 本级|全部|<单位>] [--json]
                                                  计算年度统计指标（默认本级；全部 = 本级和各下级单位）
  package --db <数据文件> --year <年度> [--to <年度>] --out <数据包>
                                                  上报：把本单位（及已收到的下级单位）该年度的台账、年度指标和
                                                  素材制作成一个数据包文件，交给上级单位
  receive --db <数据文件> --package <数据包> [--dry-run]
                                                  接收下级单位的数据包：先像备份一样检查，列出新增、更新、移除，
                                                  再替换该单位这些年度的数据（--dry-run 只列出不写入）
  units --db <数据文件> [--year <年度>]            单位树和各单位的上报情况
  catalogue --db <数据文件> --year <年度> [--quarter 1-4] --out <文件.docx|.xlsx>
                                                  规范性文件备案目录（按报备日期，全年或一个季度）
  stats-form --db <数据文件> --year <年度> --kind reconsideration|litigation --out <文件.xlsx>
                                                  上报的行政复议/行政应诉统计表，先列出平衡校验结果
  settings --db <数据文件> [--set 键=值 ...] [--all-records]
                                                  查看或修改设置；只重算尚未办结的期限和本年度的记录，
                                                  加 --all-records 连往年的、已办结的也按新设置重算
  serve --db <数据文件> [--host] [--port 端口] [--create]
                                                  浏览器模式（仅本机）；加 --host 为单位服务器：HTTPS、账号登录，
                                                  供同事通过办公网使用（docs/office-mode.md）
  check --db <数据文件>                           检查数据文件完整性和结构版本
  backup --db <数据文件> --out <文件>              在线备份为一个完整的数据库文件（备份后校验）
  restore --db <数据文件> --from <备份文件>        从备份还原（先自动备份当前数据，可撤销）
  imports --db <数据文件>                         列出最近的导入（编号、时间、台账、文件、条数、是否已撤销）
  undo-import --db <数据文件> [--id 导入编号]      撤销一次导入（不带 --id：最近一次未撤销的）：导入新增的记录移入
                                                  回收站，导入时更新的记录恢复原值；导入后又被修改过的记录会被列出，
                                                  撤销被拒绝，不做任何改动

类型：${EXCHANGE_KINDS.join(' ')}
  （normative 规范性文件  decision 重大行政决策  contract 合同  reconsideration 行政复议
    litigation 行政应诉  casefile 案卷评查  indicator 年度指标  material 年度素材）

import、undo-import、settings --set、restore、package、receive 会写入数据文件：桌面程序或浏览器模式正打开同一个数据文件时会被拒绝（并说明由哪个程序、
哪个进程在使用），请在程序里操作或先关闭它；其余命令只读取，可以在程序打开时使用。

超过 1 秒的操作（导入、导出、备份、还原、重新计算）在标准错误输出上显示进度。

退出码：0 成功；1 数据或操作错误；2 用法错误。`;
