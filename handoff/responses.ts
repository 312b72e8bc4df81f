/**
 * What the handoff says to customers and to agents in plain messages, in every supported locale.
 * Cards have their own labels in `agentCardText.ts`.
 */
import type { SupportedLocale } from '../locale/locale';

/** Handoff wording for customers in one language. */
export interface CustomerHandoffResponses {
  /** Queued: who will help, position, estimate, and that nothing needs repeating (P2, P9). */
  connecting(queueName: string, position: number, minutes: number): string;
  /** The queue position changed. */
  positionChanged(position: number, minutes: number): string;
  /** A message sent while waiting was kept for the agent. */
  keptForAgent(position: number, minutes: number): string;
  /** Asked again for a person while already waiting. */
  alreadyWaiting(position: number, minutes: number): string;
  /** "Never mind" while waiting. */
  cancelled: string;
  /** The agent accepted (P3): name, details passed on. */
  agentJoined(agentName: string): string;
  /** The agent passed the customer on. */
  transferring(fromName: string, toName: string): string;
  /** A message from the agent, relayed to the customer. */
  agentSays(agentName: string, text: string): string;
  /** The agent went silent; the customer is back at the front of the queue. */
  agentCalledAway(agentName: string): string;
  /** The agent ended; the bot is back. */
  agentLeft(agentName: string): string;
  /** An external contact centre was asked for a person. */
  hubRequested: string;
  /** The external contact centre accepted. */
  hubAccepted(agentName: string | undefined): string;
  /** A message could not be passed to the agent right now; it is kept. */
  relayDelayed: string;
  /** How to name an external hub's agent whose name is unknown. */
  genericAgentName: string;
  /** A customer typed an agent command. */
  commandsAreForAgents: string;
}

/** Handoff wording for agents in one language. */
export interface AgentHandoffResponses {
  /** Shown with the notification card, and as text on channels without cards. */
  newRequest(customer: string, queueName: string, reason: string): string;
  welcomeAgent(name: string): string;
  accepted(customer: string): string;
  takenBy(agentName: string): string;
  alreadyYours: string;
  notWaiting(state: string): string;
  notFound(id: string): string;
  ambiguous(id: string): string;
  nobodyWaiting: string;
  busy(customer: string): string;
  notAssigned: string;
  notYourQueue(queueName: string): string;
  reservedFor(agentName: string): string;
  /**
   * A customer's message relayed to their agent. `customer` and `text` are already plain text (see
   * `plainText.ts`); only the role word is bold, so no name or message can pass for the label.
   */
  customerSays(customer: string, text: string): string;
  customerCancelled(customer: string): string;
  customerWaitedTooLong(customer: string): string;
  noteSaved: string;
  transferred(target: string): string;
  transferredToYou(fromName: string, customer: string): string;
  unknownTarget(target: string, choices: string): string;
  cannotTransferToSelf: string;
  ended(customer: string): string;
  nowAvailable(waiting: number): string;
  nowAway: string;
  unknownCommand(name: string): string;
  missingArgument(usage: string): string;
  usage: Readonly<Record<'accept' | 'note' | 'transfer', string>>;
  transcriptHeader(customer: string): string;
  transcriptEmpty: string;
  speakerCustomer: string;
  speakerBot: string;
  undelivered: string;
  /** The agent was silent too long; their customer went back to the queue and they were marked away. */
  reclaimed(customer: string): string;
  /** An agent sent something that is not text (a file, a picture). */
  textOnly: string;
  /** A command's messages to the customer (or to colleagues) could not all be delivered. */
  notAllDelivered: string;
  /** Heads customer messages that could not be relayed earlier. */
  missed(customer: string): string;
  /** A transfer target that cannot take the customer now. */
  targetUnavailable(target: string): string;
}

/** Customer wording by locale. */
export const customerHandoffResponses: Readonly<Record<SupportedLocale, CustomerHandoffResponses>> = {
  'en-US': {
    connecting: (queue, position, minutes) =>
      `I'm connecting you with a person from our ${queue} team. You're number ${position} in line, and the wait is about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}. ` +
      `I've passed on everything you've told me, so you won't need to repeat anything. You can keep writing here in the meantime, or say "never mind" to cancel.`,
    positionChanged: (position, minutes) => `Update: you're now number ${position} in line, about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} to go.`,
    keptForAgent: (position, minutes) => `Thanks, I've added that for the person who'll help you. You're number ${position} in line (about ${minutes} min).`,
    alreadyWaiting: (position, minutes) => `You're already in line for a person: number ${position}, about ${minutes} min. Say "never mind" if you'd rather not wait.`,
    cancelled: "All right, I've cancelled the request for a person. I'm still here if you need anything else.",
    agentJoined: (name) => `${name} has joined the conversation. ${name} already has your details and what we've talked about, so there's no need to repeat anything.`,
    transferring: (from, to) => `${from} is passing you to ${to}, who is better placed to help. Your details and ${from}'s notes go with you; please stay here.`,
    agentSays: (name, text) => `**${name}:** ${text}`,
    agentCalledAway: (name) => `I'm sorry, ${name} seems to have been called away. I've put you back at the front of the line, with everything you've told us, and the next free person will pick up.`,
    agentLeft: (name) => `${name} has left the conversation. I'm back with you.`,
    hubRequested: "I'm connecting you with a person now. I've passed on everything you've told me, so you won't need to repeat anything.",
    hubAccepted: (name) => (name ? `${name} has joined the conversation and has your details.` : 'A person has joined the conversation and has your details.'),
    relayDelayed: "I couldn't pass that on just now. It's saved, and the person helping you will see it.",
    genericAgentName: 'our agent',
    commandsAreForAgents: 'Commands that start with "/" are for our agents. Just tell me what you need, or say "agent" to reach a person.',
  },
  'zh-CN': {
    connecting: (queue, position, minutes) =>
      `正在为您转接${queue}的人工客服。您目前排在第 ${position} 位，预计等待约 ${minutes} 分钟。` +
      '您刚才说的内容我都已转给客服，无需重复说明。等待期间可以继续留言，如果不想等了，输入“算了”即可取消。',
    positionChanged: (position, minutes) => `排队更新：您现在排在第 ${position} 位，预计还需约 ${minutes} 分钟。`,
    keptForAgent: (position, minutes) => `收到，已转给稍后为您服务的客服。您目前排在第 ${position} 位（约 ${minutes} 分钟）。`,
    alreadyWaiting: (position, minutes) => `您已在人工客服队列中：第 ${position} 位，约 ${minutes} 分钟。如果不想等了，输入“算了”即可。`,
    cancelled: '好的，已为您取消人工客服请求。还有其他问题随时问我。',
    agentJoined: (name) => `客服 ${name} 已加入对话。您的信息和我们之前的对话 ${name} 都已看到，无需重复说明。`,
    transferring: (from, to) => `${from} 正在为您转接给更合适的${to}。您的信息和 ${from} 的备注会一并转交，请稍候。`,
    agentSays: (name, text) => `**${name}：** ${text}`,
    agentCalledAway: (name) => `抱歉，客服 ${name} 似乎临时离开了。已为您重新排到队列最前面，您的信息都会保留，下一位空闲的客服会马上接手。`,
    agentLeft: (name) => `客服 ${name} 已离开对话，我回来继续为您服务。`,
    hubRequested: '正在为您转接人工客服。您刚才说的内容我都已转交，无需重复说明。',
    hubAccepted: (name) => (name ? `客服 ${name} 已加入对话，并已看到您的信息。` : '人工客服已加入对话，并已看到您的信息。'),
    relayDelayed: '这条消息暂时没能转交，已为您保存，为您服务的客服会看到。',
    genericAgentName: '客服',
    commandsAreForAgents: '以“/”开头的指令是客服人员使用的。请直接告诉我您需要什么，或输入“人工”联系人工客服。',
  },
};

/** Agent wording by locale. */
export const agentHandoffResponses: Readonly<Record<SupportedLocale, AgentHandoffResponses>> = {
  'en-US': {
    newRequest: (customer, queue, reason) => `New conversation waiting in ${queue}: ${customer} (${reason}).`,
    welcomeAgent: (name) => `Hi ${name}, you're signed in as an agent and marked available. /help lists the commands.`,
    accepted: (customer) => `You're connected with ${customer}. Everything you type goes to them; commands start with "/". Use /end when you're done.`,
    takenBy: (name) => `${name} has already taken this conversation.`,
    alreadyYours: "You've already accepted this conversation.",
    notWaiting: (state) => `This conversation is no longer waiting (it is ${state}).`,
    notFound: (id) => `No conversation matches "${id}". /queue lists who is waiting.`,
    ambiguous: (id) => `More than one conversation starts with "${id}". Type more of the id.`,
    nobodyWaiting: 'Nobody is waiting right now.',
    busy: (customer) => `You're still with ${customer}. Use /end (or /transfer) before accepting another conversation.`,
    notAssigned: "You don't have a customer right now. /queue lists who is waiting.",
    notYourQueue: (queue) => `This conversation is for the ${queue} queue, which you don't serve.`,
    reservedFor: (name) => `This conversation was passed to ${name} personally.`,
    customerSays: (customer, text) => `**Customer** ${customer}: ${text}`,
    customerCancelled: (customer) => `${customer} no longer needs a person and left the queue.`,
    customerWaitedTooLong: (customer) => `${customer} waited longer than the queue's limit; the bot offered a message or callback instead.`,
    noteSaved: 'Note saved. The customer does not see it; a colleague who takes over will.',
    transferred: (target) => `Transferred to ${target}. The customer has been told, and your notes go with them.`,
    transferredToYou: (from, customer) => `${from} transferred ${customer} to you.`,
    unknownTarget: (target, choices) => `"${target}" is not a queue or an agent. Try one of: ${choices}.`,
    cannotTransferToSelf: "You can't transfer a conversation to yourself.",
    ended: (customer) => `Conversation with ${customer} ended. The bot is asking them whether their issue is resolved.`,
    nowAvailable: (waiting) => `You're available. ${waiting === 0 ? 'Nobody is waiting right now.' : `${waiting} waiting: /queue shows them.`}`,
    nowAway: "You're away: you won't be offered new conversations. /available when you're back.",
    unknownCommand: (name) => `There is no command "/${name}". /help lists the commands.`,
    missingArgument: (usage) => `That command needs more: ${usage}`,
    usage: { accept: '/accept [id]', note: '/note <text>', transfer: '/transfer <queue|agent> [note]' },
    transcriptHeader: (customer) => `Transcript with ${customer} (sensitive values masked):`,
    transcriptEmpty: 'No messages recorded yet.',
    speakerCustomer: 'Customer',
    speakerBot: 'Bot',
    undelivered: "The customer couldn't be reached just now, so that message was not delivered. Please send it again in a moment.",
    reclaimed: (customer) => `You were silent for a while, so ${customer} went back to the queue and you're marked away. /available when you're back.`,
    textOnly: 'Only text can be passed on to the customer for now. Please describe it in words, or send a link.',
    notAllDelivered: "Some of the messages this caused couldn't be delivered just now (the customer's or a colleague's channel did not answer).",
    missed: (customer) => `These messages from ${customer} could not reach you earlier:`,
    targetUnavailable: (target) => `${target} can't take the customer right now (closed, away or not signed in). The customer stays with you.`,
  },
  'zh-CN': {
    newRequest: (customer, queue, reason) => `${queue}有新的对话在等待：${customer}（${reason}）。`,
    welcomeAgent: (name) => `${name}，您好！您已作为客服登录并设为“空闲”。输入 /help 查看指令。`,
    accepted: (customer) => `已接通 ${customer}。您输入的内容都会发给对方；指令以“/”开头。处理完毕请输入 /end。`,
    takenBy: (name) => `该对话已由 ${name} 接入。`,
    alreadyYours: '您已接入该对话。',
    notWaiting: (state) => `该对话已不在等待中（当前状态：${state}）。`,
    notFound: (id) => `没有与“${id}”匹配的对话。输入 /queue 查看排队情况。`,
    ambiguous: (id) => `有多个对话以“${id}”开头，请输入更完整的编号。`,
    nobodyWaiting: '目前没有人在排队。',
    busy: (customer) => `您正在接待 ${customer}。请先 /end（或 /transfer），再接入新的对话。`,
    notAssigned: '您目前没有接待中的客户。输入 /queue 查看排队情况。',
    notYourQueue: (queue) => `该对话属于“${queue}”队列，不在您的服务范围内。`,
    reservedFor: (name) => `该对话已指定转给 ${name}。`,
    customerSays: (customer, text) => `**客户** ${customer}：${text}`,
    customerCancelled: (customer) => `${customer} 已不需要人工服务，已离开队列。`,
    customerWaitedTooLong: (customer) => `${customer} 的等待时间超过了队列上限，机器人已改为为其提供留言或回电。`,
    noteSaved: '备注已保存。客户看不到；接手的同事可以看到。',
    transferred: (target) => `已转接给 ${target}。已告知客户，您的备注会一并转交。`,
    transferredToYou: (from, customer) => `${from} 将 ${customer} 转接给了您。`,
    unknownTarget: (target, choices) => `“${target}”不是队列或客服。可选：${choices}。`,
    cannotTransferToSelf: '不能把对话转接给自己。',
    ended: (customer) => `与 ${customer} 的对话已结束。机器人正在询问对方问题是否已解决。`,
    nowAvailable: (waiting) => `您已设为“空闲”。${waiting === 0 ? '目前没有人在排队。' : `有 ${waiting} 人在排队，输入 /queue 查看。`}`,
    nowAway: '您已设为“离开”，不会再收到新的对话。回来后输入 /available。',
    unknownCommand: (name) => `没有“/${name}”这个指令。输入 /help 查看指令。`,
    missingArgument: (usage) => `该指令缺少参数：${usage}`,
    usage: { accept: '/accept [编号]', note: '/note <内容>', transfer: '/transfer <队列|客服> [备注]' },
    transcriptHeader: (customer) => `与 ${customer} 的对话记录（敏感信息已遮盖）：`,
    transcriptEmpty: '暂无消息记录。',
    speakerCustomer: '客户',
    speakerBot: '机器人',
    undelivered: '暂时无法联系到客户，刚才的消息没有送达。请稍后再发一次。',
    reclaimed: (customer) => `您已有一段时间没有回复，${customer} 已回到队列，您已被设为“离开”。回来后输入 /available。`,
    textOnly: '目前只能向客户转发文字。请用文字描述，或发送链接。',
    notAllDelivered: '该操作产生的部分消息暂时没能送达（客户或同事的渠道没有响应）。',
    missed: (customer) => `以下是 ${customer} 之前没能送达给您的消息：`,
    targetUnavailable: (target) => `${target} 目前无法接手（不在服务时间、离开或未登录）。客户仍由您接待。`,
  },
};
