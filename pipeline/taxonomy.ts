// The sixteen categories as a person reads them: the Chinese name and a one-line scope, from ../shared/taxonomy.md
// (the labeling contract). Kept apart from the ids in domain.ts, which every output depends on; these are for pages.
import { CATEGORY_IDS, type CategoryId } from "./domain.js"

export interface CategoryInfo {
  readonly id: CategoryId
  readonly name: string
  /** What the category covers, in one line; taxonomy.md has the boundaries. */
  readonly scope: string
}

const INFO: Record<CategoryId, { readonly name: string; readonly scope: string }> = {
  debt_swap: { name: "债务置换", scope: "Replacing stock debt with cheaper or longer instruments: 置换债券, 再融资债券, loan swaps" },
  debt_risk_control: {
    name: "政府债务管理与风险防控",
    scope: "Managing, limiting and resolving government debt: 限额管理, 隐性债务, 化债, 风险预警"
  },
  government_bonds: { name: "地方政府债券", scope: "New local-government bonds and quotas: 新增债券, 一般债券, 专项债券" },
  platform_transformation: {
    name: "融资平台转型与规范",
    scope: "Reforming financing vehicles: 市场化转型, 剥离融资职能, platform debt control"
  },
  platform_building: { name: "融资平台组建与壮大", scope: "Creating or enlarging financing vehicles: 组建/做大做强 投融资平台, 城投集团" },
  debt_to_equity: { name: "债转股", scope: "Debt-to-equity conversion: 市场化债转股, 银行债转股" },
  credit_support: { name: "信贷支持", scope: "Loans and credit to firms, projects, people: 信贷投放, 贷款, 授信, 续贷, 普惠金融" },
  green_finance: { name: "绿色金融", scope: "Finance labeled green: 绿色信贷, 绿色债券, 绿色基金, 碳金融" },
  bond_financing: { name: "企业与金融机构债券融资", scope: "Bonds of firms, platforms, banks: 企业债, 公司债, 中期票据, ABS" },
  equity_financing: { name: "股权融资与上市", scope: "Raising equity: 上市, 挂牌, 股权融资, 科创板, REITs" },
  investment_funds: { name: "政府投资与产业基金", scope: "Government or state-led funds: 产业基金, 引导基金, 创业投资基金" },
  ppp: { name: "PPP与社会资本合作", scope: "政府和社会资本合作, 特许经营, private capital building major projects" },
  financing_guarantee: { name: "融资担保与增信", scope: "融资担保 companies and funds, 风险补偿资金池, 增信" },
  corporate_deleveraging: {
    name: "企业降杠杆与债务重组",
    scope: "Enterprise balance sheets: 去杠杆, 债务重组, 兼并重组, 破产重整, 僵尸企业"
  },
  financial_risk: { name: "金融风险防范与打击逃废债", scope: "Financial-sector risk: 金融风险, 逃废债, 非法集资, 不良资产处置" },
  fiscal_reform: { name: "财税体制改革", scope: "Reform of fiscal institutions: 财税体制, 事权和支出责任, 转移支付制度" }
}

/** The categories in taxonomy order, with their names and scopes. */
export const CATEGORIES: ReadonlyArray<CategoryInfo> = CATEGORY_IDS.map((id) => ({ id, ...INFO[id] }))
