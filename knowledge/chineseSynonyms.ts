/**
 * Built-in near-synonyms of customer-service Simplified Chinese. Customers write "免运费" where a
 * knowledge base says "包邮", "咋" for "怎么", "钱退回来" for "退款"; bag-of-words matching shares no
 * feature between them. Every Chinese base folds these phrases to one canonical each (after the
 * admin's own synonyms), queries and stored questions alike. Written for this product from common
 * usage across shopping, delivery, payment, banking, travel, utilities and accounts; phrases that
 * customer-service bases tell apart (退款 refund / 退货 return / 换货 exchange, 改签 / 退票, 信用卡 /
 * 借记卡) are kept apart.
 */

/**
 * Spelling variants, folded first so that the groups below need list only one spelling
 * ("咋办" becomes "怎么办" here, then "怎么办" meets its group). `variant>standard` pairs.
 */
const variantText = `
帐>账 登陆>登录 登入>登录 其它>其他 哪儿>哪里 那儿>那里 这儿>这里 预定>预订 礼拜>星期 钟头>小时
您>你 妳>你 咱们>我们 俺>我 咋>怎么 啥>什么 甚么>什么 木有>没有 没得>没有 神马>什么 肿么>怎么
为毛>为什么 啷个>怎么 多会儿>什么时候 几时>什么时候 何时>什么时候
`;

/**
 * Near-synonym groups, one a line: `canonical: alternate alternate …`. Alternates are matched
 * anywhere in Chinese text (Latin ones as whole words), longest first; none is a single Chinese
 * character, which would match inside unrelated words.
 */
const groupText = `
怎么: 如何 怎样 怎么着
怎么办: 怎么处理 如何处理 怎么弄 怎么整 怎么搞 该怎么做 要怎么做 怎么解决 如何解决
怎么用: 如何使用 怎么使用
为什么: 为何 怎么回事 什么原因 什么情况
什么时候: 哪天 多久以后 哪一天
多久: 多长时间 多少时间 多少天 几天 多少个小时 几个小时
可以: 能不能 能否 可不可以 可否 行不行 是否可以 是不是可以 允许
是不是: 是否
有没有: 有无 有么 是否有 有不有
需要: 需不需要 要不要 是否需要 必须要
哪里: 在哪里 在哪 什么地方 何处 哪个地方 什么位置 哪个位置
多少钱: 什么价格 价格多少 价钱多少 费用多少 收费多少 几块钱 多少费用 花多少钱 要多少钱
价格: 价钱 售价 价位 标价
收费: 收钱 要钱 另外收费 额外收费 付费吗 收取费用 另收费
免费: 不要钱 不收费 不收钱 不花钱 零费用 无需付费 不用付钱 不用钱
谢谢: 感谢 多谢 谢啦 谢谢你 非常感谢
客服: 人工客服 人工服务 真人客服 客服人员 工作人员 服务人员 客服专员
联系方式: 联系电话 联络方式 怎么联系 如何联系
客服电话: 客服热线 服务热线 热线电话 服务电话 客服号码 热线号码 热线
打电话: 致电 拨打电话 来电 打个电话 电话联系
手机号: 手机号码 电话号码 电话号 手机号 手提号码
邮件: 电子邮件 电邮 email e-mail
邮箱: 电子邮箱 邮箱地址 邮件地址 邮箱号
短信: 手机短信 短讯 sms
验证码: 校验码 动态码 动态密码 短信码 确认码 验证短信
密码: 登录密码 口令 密码
支付密码: 交易密码 付款密码
忘记: 忘了 忘掉 不记得 记不得 记不住 想不起来 记不起来 记不清
重置密码: 找回密码 重设密码 重新设置密码 改回密码
修改: 更改 变更 改动 改一下 更正
账户: 账号 户头 用户名
登不上: 登录不了 登录不上 无法登录 不能登录 登录失败 登不进去 进不去账户
注销: 销户 删除账户 删号 关闭账户 注销账户
开户: 开账户 开个户 开设账户 开立账户 办账户 新开户
锁定: 被锁定 被锁 锁住 锁死
冻结: 被冻结 被冻 冻住
解锁: 解冻 解封 解除锁定
实名认证: 实名验证 身份认证 身份验证 实名制 实名登记
身份证: 身份证件 居民身份证
银行卡: 储蓄卡 借记卡 银联卡
信用卡: 贷记卡
余额: 剩余金额 剩下的钱 剩多少钱 还有多少钱
转账: 转钱 转款 打款 打钱
到账: 入账 钱到了 收到钱 钱到账
退款: 退钱 返款 退费 钱退回来 把钱退 退回钱 退还款项 钱退回 退回款项 返钱
退货: 退东西 退商品 退回商品 把东西退 东西退回
换货: 调换 换个新的 换一个新的 换新的
发货: 邮寄 寄出 寄送 出货 发出 发件
发货到: 寄到 运到 送到 配送到
快递: 物流 包裹 快件 邮包
快递单号: 运单号 物流单号 追踪号 跟踪号 快递单 单号
订单号: 订单编号 订单号码
物流信息: 物流状态 快递信息 配送状态 运输状态 快递状态 物流进度 快递进度
包邮: 免运费 免邮费 免邮 免费配送 免费送货 不要运费 免费包邮 不收运费 运费全免
运费: 邮费 快递费 配送费 运输费 邮资 送货费
配送: 送货 派送 派件 递送
收货地址: 送货地址 配送地址 邮寄地址 收件地址 寄送地址
收到货: 拿到货 收到东西 收到快递
没收到: 没有收到 还没收到 没拿到 还没拿到
丢了: 丢失 弄丢 遗失 不见了 丢件 搞丢
损坏: 坏了 破损 摔坏 坏掉 弄坏 碎了 破了 有损坏
质量问题: 有瑕疵 瑕疵 次品 残次品 质量不好 质量差
保修: 质保 保固
维修: 修理 返修 报修 修一下
订单: 单子
下单: 下订单 订购
取消订单: 撤单 撤销订单 取消订购
付款: 支付 付钱 给钱 结账 买单 付账
支付宝: alipay
微信支付: 微信付款 wechat_pay
微信: wechat weixin vx
发票: 收据 票据 小票
优惠券: 优惠码 折扣码 折扣券 代金券 抵用券 抵扣券
折扣: 优惠 打折 折扣价 打几折
会员: vip 会籍
积分: 积点 点数
有货: 有现货 有库存 还有货
缺货: 没货 无货 断货 卖完 售罄 卖光
尺码: 码数 尺寸
营业时间: 工作时间 上班时间 办公时间 服务时间 开放时间 几点开门 几点关门 几点下班 几点上班
门店: 实体店 线下店 专卖店 店面 线下门店
网点: 营业网点 营业厅 支行 分行
附近: 周边 周围 旁边
投诉: 举报 抱怨 告你们
不满意: 很不满 很差 太差 太烂 很烂 差劲
服务态度差: 态度差 态度不好 服务差 服务不好 态度恶劣
赔偿: 补偿 赔钱 索赔 赔付 赔点 理赔
催单: 催促 催一下 催一催 加急 快点发
延误: 晚点 延迟 误点
改签: 改期 改日期 改时间 换日期 换时间 换航班 改航班 改机票
退票: 退机票 退掉机票 票退掉 机票退掉
机票: 飞机票
手提行李: 随身行李 登机箱 手提箱 登机行李 随身携带的行李
行李: 行李箱 箱子
超重: 超出重量 超过重量 超了重量 重量超了
值机: 办理登机 办登机 check_in checkin
座位: 位子 坐位
选座: 选座位 选位子 挑座位 选位置
升舱: 升级舱位 舱位升级 升级座位
航班: 班机 航次
到达: 抵达 落地 降落
转机: 中转 转航班
出发: 启程 动身
儿童: 小孩子 小孩 孩子 小朋友
婴儿: 小宝宝 宝宝 婴孩 新生儿
老人: 老年人 长者 老人家 年长者
行动不便: 腿脚不便 腿脚不方便 行动不方便
宠物: 猫咪 狗狗 小狗 小猫
酒店: 宾馆 旅馆 住宿
预约: 约个时间 约时间 预先约
燃气: 煤气 天然气
停电: 断电 停了电 没电了
停水: 断水 没水了
缴费: 交费 缴纳 交纳 交钱
充值: 充钱 充费 储值
账单: 对账单 缴费单 费用清单
欠费: 拖欠 没交费 没缴费 未缴费 没交钱 逾期未交
读数: 示数 度数
抄表: 读表 查表 抄电表
搬家: 搬走 搬迁 搬过去 搬新家
办理: 申办 办一下 开办
怎么办理: 如何办理 怎么申请 如何申请 怎么开通 如何开通 办理流程
现在: 目前 当前 眼下 此刻
今天: 今日
明天: 明日
昨天: 昨日
一周: 一个星期 一星期 七天
马上: 立刻 立即 立马 赶紧 尽快 尽早
查询: 查看 查一下 查一查 查查
app: 客户端 手机客户端 应用程序 手机软件
网银: 网上银行 网络银行 个人网银
官网: 官方网站 网站 网页版 网页
打不开: 闪退 无法打开 开不了 打开不了 加载不出来
用不了: 不能用 无法使用 没法用 不好使 失灵 不能使用
出错: 报错 出故障 出问题 故障 错误提示
个人信息: 个人资料 个人数据 隐私信息
地址: 住址
姓名: 名字
生日: 出生日期
贷款: 借钱 借款 借贷
利率: 利息率 息率
手续费: 手续费用 处理费
额度: 限额 上限 最高限额 信用额度
提额: 提高额度 提升额度 调高额度 增加额度 加额度
取款: 取钱 取现 提现 提款
存款: 存钱
境外: 国外 海外
国内: 境内
被盗: 被偷 失窃 被扒
盗刷: 被盗刷 被人刷了 被别人刷 被人盗用 盗用
挂失: 报失 申请挂失
补办: 重新办 重办 补一张 再办一张 重新办理
激活: 开卡 启用
过期: 到期 失效 过了有效期 超过有效期
有效期: 有效时间 有效期限
续费: 续期 续订 续约
取消: 撤销 撤回 作废
关闭: 关掉 停用
开通: 开启
退订: 取消订阅 不再接收
合同: 协议 合约
押金: 保证金
定金: 订金
分期: 分期付款 分几期 分月付
现金: 现钞 钞票
收件人: 收货人
寄件人: 发件人 发货人
上门取件: 上门收件 来取件 上门取货
自提: 自取 到店取 自己取 门店取货
关税: 进口税
礼品卡: 购物卡 礼物卡 储值卡
发错: 寄错 送错
漏发: 少发 少寄 漏寄 缺件
评价: 评论 点评
说明书: 使用说明 使用手册 说明手册
充电器: 充电头
家人: 家属 亲属 亲人 家里人
别人: 他人 其他人 别的人
太慢: 很慢 慢死了 好慢 特别慢 这么慢
重复扣款: 扣了两次 多扣了 被扣两次 重复扣费 扣两次 扣了两笔
扣款: 扣钱 扣费 划扣 扣了钱
自动扣款: 自动扣费 代扣 自动缴费 自动划扣 自动续费
重发: 重新发送 重新发 再发一次 再发一遍 补发
停车: 泊车
汇款: 汇钱
问题: 毛病
话费: 电话费 手机费 通话费
流量: 上网流量 数据流量 手机流量
套餐: 资费套餐 资费方案 资费
wifi: 无线网络 无线网 wi-fi
定期存款: 定存
租金: 房租
快递员: 快递小哥 送货员 配送员 派送员 快递哥
商家: 卖家 店家 商户 店主
客户: 顾客 消费者
电脑: 计算机 笔记本电脑
网购: 网上购物 在线购物 网上买
货到付款: 到付 货到再付
运费险: 退货运费险 退货险
安检: 安全检查
登机口: 登机闸口 闸口
航站楼: 候机楼 航厦
贵宾室: 贵宾厅 休息室
出租车: 的士 计程车
充电宝: 移动电源
昵称: 网名 用户昵称
绑定: 关联 绑上
解绑: 解除绑定 取消绑定 解除关联
餐食: 飞机餐 机上餐 餐点
素食: 素餐 吃素 纯素
配偶: 老公 老婆 丈夫 妻子 爱人 媳妇
去世: 过世 逝世 离世 病故
`;

/** One near-synonym group: the canonical phrase and the phrases folded into it. */
export interface ChineseSynonymGroup {
  readonly canonical: string;
  readonly alternates: readonly string[];
}

function parseGroups(text: string): ChineseSynonymGroup[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [canonical = '', rest = ''] = line.split(':').map((part) => part.trim());
      const alternates = [...new Set(rest.split(/\s+/).map((a) => a.replace(/_/g, ' ')))].filter((a) => a !== '' && a !== canonical);
      return { canonical, alternates };
    });
}

/** Spelling variants folded before the groups (`variant → standard`). */
export const chineseVariants: ReadonlyArray<readonly [string, string]> = variantText
  .split(/\s+/)
  .filter((pair) => pair.includes('>'))
  .map((pair) => {
    const [variant = '', standard = ''] = pair.split('>');
    return [variant, standard] as const;
  });

/** The built-in near-synonym groups (see the file comment). */
export const chineseSynonymGroups: readonly ChineseSynonymGroup[] = parseGroups(groupText);

const latinChar = /[\p{Script=Latin}\p{N}]/u;

/**
 * Replaces phrases by leftmost-longest match: at each position the longest known phrase wins, so
 * "被盗刷" is read as itself before "被盗". A phrase mapped to itself is kept whole (canonicals).
 * Latin phrases ("vip", "check in") match whole words only.
 */
export class PhraseTable {
  private readonly phrases = new Map<string, string>();
  private readonly firstChars = new Set<string>();
  private readonly longest: number;

  constructor(pairs: Iterable<readonly [string, string]>) {
    let longest = 0;
    for (const [from, to] of pairs) {
      if (from === '' || this.phrases.has(from)) continue;
      this.phrases.set(from, to);
      this.firstChars.add(from.charAt(0));
      longest = Math.max(longest, from.length);
    }
    this.longest = longest;
  }

  /** `text` with every known phrase replaced. */
  apply(text: string): string {
    let out = '';
    let i = 0;
    while (i < text.length) {
      const c = text.charAt(i);
      let taken = 0;
      if (this.firstChars.has(c)) {
        for (let n = Math.min(this.longest, text.length - i); n >= 1; n--) {
          const to = this.phrases.get(text.slice(i, i + n));
          if (to === undefined) continue;
          // A Latin phrase must not start or end inside a Latin word or a number.
          if (latinChar.test(c) && i > 0 && latinChar.test(text.charAt(i - 1))) continue;
          if (latinChar.test(text.charAt(i + n - 1)) && latinChar.test(text.charAt(i + n))) continue;
          out += to;
          taken = n;
          break;
        }
      }
      if (taken === 0) {
        out += c;
        taken = 1;
      }
      i += taken;
    }
    return out;
  }
}

let tables: { variants: PhraseTable; groups: PhraseTable } | undefined;

function builtInTables(): { variants: PhraseTable; groups: PhraseTable } {
  if (tables === undefined) {
    const pairs: Array<readonly [string, string]> = [];
    for (const { canonical } of chineseSynonymGroups) pairs.push([canonical, canonical]);
    for (const { canonical, alternates } of chineseSynonymGroups) for (const alternate of alternates) pairs.push([alternate, canonical]);
    tables = { variants: new PhraseTable(chineseVariants), groups: new PhraseTable(pairs) };
  }
  return tables;
}

/**
 * Folds spelling variants and built-in near-synonyms of already case-, width- and
 * punctuation-folded text; see the file comment.
 */
export function foldChinese(text: string): string {
  const { variants, groups } = builtInTables();
  let out = variants.apply(text);
  // A second pass meets phrases that the first one completed ("找回登录密码" → "找回密码" → "重置密码").
  for (let pass = 0; pass < 2; pass++) {
    const next = groups.apply(out);
    if (next === out) break;
    out = next;
  }
  return out;
}
