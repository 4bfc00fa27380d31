// The account page: state, positions, P&L and drawdown charts, metrics; live from /ws.
// Plain canvas drawing, no library: nothing is downloaded at run time.
"use strict";

const account = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop());
const $ = (id) => document.getElementById(id);
let decimals = 6;
let history = [];  // {time, pnl, drawdown}
let messages = 0;

function ui(native) {
  if (native === null || native === undefined) return "–";
  return (Number(native) / 10 ** decimals).toLocaleString(undefined, {maximumFractionDigits: 4});
}
function pct(x) {
  if (x === null || x === undefined) return "–";
  const p = x * 100;
  return (p !== 0 && Math.abs(p) < 0.01 ? p.toPrecision(3) : p.toFixed(2)) + " %";
}
function num(x) { return x === null || x === undefined ? "–" : Number(x).toFixed(3); }

function fillTable(id, rows) {
  const body = $(id).querySelector("tbody");
  body.replaceChildren(...rows.map((cells) => {
    const tr = document.createElement("tr");
    for (const cell of cells) {
      const td = document.createElement("td");
      td.textContent = cell;
      tr.appendChild(td);
    }
    return tr;
  }));
}

function showState(state) {
  decimals = state.quote_decimals;
  $("slot").textContent = state.slot;
  const h = state.health;
  fillTable("state", [
    ["equity", ui(state.equity)],
    ["quote balance", ui(state.quote_balance)],
    ["collateral value", ui(state.collateral_value)],
    ["unrealized P&L", ui(state.unrealized_pnl)],
    ["margin in use", h.error ? h.error : ui(h.margin_in_use)],
    ["free collateral", h.error ? "–" : ui(h.free_collateral)],
    ["maintenance health", h.error ? "–" : ui(h.maint)],
    ["locked by orders", ui(state.locked.open_orders_quote)],
    ["open orders", String(state.orders.length)],
    ["trigger orders", String(state.trigger_orders.length)],
  ]);
  fillTable("positions", state.positions.map((p) => [
    p.market, String(p.base_lots), ui(p.entry_price_per_lot), ui(p.mark_price_per_lot),
    ui(p.unrealized_pnl), p.liquidation_oracle_price === null ? "–" : String(p.liquidation_oracle_price),
  ]));
}

function showMetrics(s) {
  fillTable("metrics", [
    ["time-weighted return", pct(s.time_weighted_return)],
    ["P&L", ui(s.pnl)],
    ["Sharpe (365 d)", num(s.sharpe)],
    ["Sortino (365 d)", num(s.sortino)],
    ["max drawdown", pct(s.max_drawdown) + (s.max_drawdown_trough ? " (" + s.max_drawdown_peak + " → " + s.max_drawdown_trough + ")" : "")],
    ["trades", String(s.trades)],
    ["win rate", pct(s.win_rate)],
    ["profit factor", num(s.profit_factor)],
    ["average win", ui(s.average_win)],
    ["average loss", ui(s.average_loss)],
    ["average trade duration", s.average_trade_duration_seconds === null ? "–" : s.average_trade_duration_seconds.toFixed(0) + " s"],
    ["fees", ui(s.fees)],
  ]);
}

function drawLine(canvas, points, key, color, fillBelowZero) {
  const ctx = canvas.getContext("2d");
  const w = canvas.width, h = canvas.height, pad = 28;
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, w, h);
  canvas.dataset.points = String(points.length);
  if (points.length < 2) {
    ctx.fillStyle = "#6b7280";
    ctx.fillText("waiting for data", pad, h / 2);
    return;
  }
  const xs = points.map((p) => p.time), ys = points.map((p) => Number(p[key]));
  const x0 = Math.min(...xs), x1 = Math.max(...xs);
  let y0 = Math.min(0, ...ys), y1 = Math.max(0, ...ys);
  if (y0 === y1) { y0 -= 1; y1 += 1; }
  const X = (x) => pad + (x1 === x0 ? 0 : (x - x0) / (x1 - x0)) * (w - 2 * pad);
  const Y = (y) => h - pad - (y - y0) / (y1 - y0) * (h - 2 * pad);
  ctx.strokeStyle = "#c4c9d0";
  ctx.lineWidth = 1;
  ctx.beginPath(); ctx.moveTo(pad, Y(0)); ctx.lineTo(w - pad, Y(0)); ctx.stroke();
  ctx.fillStyle = "#6b7280";
  ctx.fillText(key === "drawdown" ? pct(y0) : ui(y1), 2, pad - 8);
  ctx.fillText(key === "drawdown" ? pct(y1) : ui(y0), 2, h - 8);
  ctx.strokeStyle = color;
  ctx.lineWidth = 3;
  ctx.beginPath();
  points.forEach((p, i) => (i ? ctx.lineTo : ctx.moveTo).call(ctx, X(p.time), Y(Number(p[key]))));
  ctx.stroke();
  if (fillBelowZero) {
    ctx.lineTo(X(x1), Y(0)); ctx.lineTo(X(x0), Y(0)); ctx.closePath();
    ctx.globalAlpha = 0.25; ctx.fillStyle = color; ctx.fill(); ctx.globalAlpha = 1;
  }
}

function redraw() {
  drawLine($("pnl-chart"), history, "pnl", "#1f6feb", false);
  drawLine($("drawdown-chart"), history, "drawdown", "#d1242f", true);
}

async function getJson(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || response.statusText);
  return body;
}

async function refresh() {
  const q = "account=" + encodeURIComponent(account) + "&window=all";
  const [state, summary, hist] = await Promise.all([
    getJson("/api/accounts/" + encodeURIComponent(account) + "/state"),
    getJson("/api/performance/summary?" + q),
    getJson("/api/performance/history?" + q),
  ]);
  showState(state);
  showMetrics(summary);
  history = hist.points.map((p) => ({time: p.time, pnl: p.pnl, drawdown: p.drawdown}));
  redraw();
}

function connect() {
  const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
  ws.onopen = () => {
    $("ws-status").textContent = "live";
    ws.send(JSON.stringify({op: "subscribe", account}));
  };
  ws.onmessage = (event) => {
    const message = JSON.parse(event.data);
    messages += 1;
    $("ws-count").textContent = String(messages);
    if (message.type === "state") showState(message.state);
    if (message.type === "equity" || message.type === "event") scheduleRefresh();
    if (message.type === "health_alert" || message.type === "liquidation") {
      $("error").textContent = message.type + " at slot " + message.slot;
    }
  };
  ws.onclose = () => { $("ws-status").textContent = "reconnecting"; setTimeout(connect, 1000); };
}

let pending = null;
function scheduleRefresh() {
  if (pending) return;
  pending = setTimeout(() => { pending = null; refresh().catch(showError); }, 500);
}
function showError(error) { $("error").textContent = String(error.message || error); }

$("account").textContent = account;
refresh().catch(showError);
connect();
