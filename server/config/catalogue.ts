/**
 * A realistic service catalogue (事项) for the demo halls: common items of Chinese city-level
 * government service centers, grouped into the eight comprehensive window areas (一窗办) of the
 * Yuxi city center, each with the department that owns it.
 */
import type { AreaConfig } from '../domain/types';

type Items = Array<[department: string, names: string[]]>;

function services(areaId: string, items: Items): AreaConfig['services'] {
  const out: AreaConfig['services'] = [];
  for (const [department, names] of items) {
    for (const name of names) out.push({ id: `${areaId}-${String(out.length + 1).padStart(2, '0')}`, name, department });
  }
  return out;
}

function area(id: string, name: string, prefix: string, items: Items): AreaConfig {
  return { id, name, prefix, services: services(id, items) };
}

/** The eight areas of the Yuxi city center, prefixes A–H. */
export const YUXI_AREAS: AreaConfig[] = [
  area('invest', '投资审批服务', 'A', [
    ['发展改革委', ['企业投资项目备案', '企业投资项目核准', '固定资产投资项目节能审查']],
    ['自然资源规划局', ['建设项目用地预审与选址意见书核发', '建设用地规划许可证核发', '建设工程规划许可证核发']],
    ['住房城乡建设局', ['建筑工程施工许可证核发', '建设工程消防设计审查', '建设工程竣工验收备案']],
    ['生态环境局', ['建设项目环境影响评价文件审批']],
    ['水务局', ['生产建设项目水土保持方案审批']],
  ]),
  area('estate', '不动产联办', 'B', [
    [
      '不动产登记中心',
      [
        '国有建设用地使用权及房屋所有权首次登记',
        '不动产转移登记（存量房买卖）',
        '继承、受遗赠不动产转移登记',
        '不动产抵押权登记',
        '抵押权注销登记',
        '不动产变更登记',
        '不动产更正登记',
        '预告登记',
        '不动产登记资料查询',
        '交房即交证',
        '交地即交证',
      ],
    ],
    ['自然资源规划局', ['土地出让金缴纳']],
    ['税务局', ['存量房交易契税申报缴纳']],
    ['住房城乡建设局', ['商品房预售合同备案']],
  ]),
  area('utility', '水电气联办', 'C', [
    ['供电局', ['低压居民用电新装', '低压非居民用电新装', '用电增容', '用电过户']],
    ['供水公司', ['用水报装', '用水过户']],
    ['燃气公司', ['天然气开户报装', '燃气过户']],
    ['水电气联办', ['水电气联合过户', '水电气网联合报装']],
  ]),
  area('tax', '税务事项专办', 'D', [
    [
      '税务局',
      [
        '发票领用',
        '代开增值税发票',
        '增值税及附加税费申报',
        '个人所得税综合所得汇算清缴',
        '税务登记信息变更',
        '车辆购置税申报',
        '清税证明开具',
        '完税证明开具',
        '城乡居民社会保险费缴纳',
      ],
    ],
  ]),
  area('business', '企业开办联办', 'E', [
    ['市场监管局', ['企业设立登记', '企业变更登记', '企业注销登记', '个体工商户设立登记', '食品经营许可证核发']],
    ['公安局', ['印章刻制备案']],
    ['税务局', ['新办纳税人套餐（发票申领）']],
    ['人力资源社会保障局', ['企业职工参保登记']],
    ['住房公积金管理中心', ['单位住房公积金缴存登记']],
    ['银行', ['企业银行开户预约']],
  ]),
  area('fund', '公积金专办', 'F', [
    [
      '住房公积金管理中心',
      [
        '个人住房公积金账户设立',
        '购房提取住房公积金',
        '租房提取住房公积金',
        '离职或退休提取住房公积金',
        '住房公积金贷款申请',
        '公积金贷款提前还款',
        '公积金贷款结清证明开具',
        '住房公积金缴存证明开具',
        '住房公积金异地转移接续',
      ],
    ],
  ]),
  area('insurance', '医保社保综合服务', 'G', [
    [
      '人力资源社会保障局',
      [
        '城乡居民基本养老保险参保登记',
        '职工养老保险关系转移接续',
        '养老金领取资格认证',
        '社会保障卡申领',
        '社会保障卡挂失补换',
        '失业保险金申领',
        '工伤认定申请',
      ],
    ],
    ['医疗保障局', ['基本医疗保险参保登记', '医疗费用手工报销', '异地就医备案', '生育保险待遇申领', '门诊慢特病待遇认定']],
  ]),
  area('police', '公安事务', 'H', [
    ['户政', ['居民身份证申领', '居民身份证换领补领', '户口迁入', '新生儿出生登记', '居住证申领', '无犯罪记录证明开具']],
    ['车管', ['机动车驾驶证到期换证', '机动车驾驶证补证', '机动车注册登记', '机动车转移登记']],
    ['出入境', ['普通护照申领', '往来港澳通行证及签注']],
  ]),
];
