/**
 * The two Lua scripts of the shared state (`EVALSHA`, loaded with `SCRIPT LOAD`). Each takes a list of operations and
 * answers with one result per operation, so that one round trip carries every limit check and budget reservation of an
 * attempt (`ADMIT_SCRIPT`), or a whole batch of settlements and updates (`STATE_SCRIPT`). The admission script is kept
 * small: Redis runs a script's whole body (its function definitions included) on every call.
 *
 * ARGV: channel, instances key, now (ms), this instance's id, mode (`g` or `b`, as a check), then the operations, each a
 * code and its arguments. An admission checks every operation first and applies them only when none is blocked (all
 * or nothing), and several attempts' admissions may share one call; a batch applies each operation on its own. Keys are built by the client from `keyPrefix`; all of one deployment's
 * keys share that prefix.
 *
 * Numbers: counts and nano-USD amounts are Redis integers (HINCRBY, exact); Lua compares them as doubles, exact up to
 * 2^53, which is why Redis budgets are limited to 9 million USD per period. Times are ms since the epoch, from the
 * client's clock (instances are expected to keep NTP time).
 *
 * Admission (`ADMIT_SCRIPT`):
 *   W key limit amount        a per-minute window (1 s buckets, an entry counts 60 to 61 s): blocked when used + amount > limit
 *   C key max                 requests in flight (one field per instance, `_t` the total; dead instances' fields dropped)
 *   L vkey                    the concurrency learned from refusals, counted in `vkey#n`
 *   B key limit amount hard expireAt minute init
 *                             a budget period: `s` spent, `r:<minute>` open reservations (they stop counting after 15 minutes)
 * Settlement and sharing (`STATE_SCRIPT`):
 *   w key second delta        settles a token estimate          c key / l vkey     frees a slot in flight
 *   v key second amount       adds to a window what this instance counted alone while Redis was away
 *   b key minute amount actual settles a budget reservation     a key delta        adds spend made while Redis was away
 *   f ckey threshold cooldown a failure (opens at threshold)    s ckey             a success after failures (resets)
 *   x ckey reason             the probe succeeded (closes)      o ckey retryAt why opened by this instance
 *   p ckey lease              claims the half-open probe        n ckey             gives a probe's claim back
 *   e vkey until by           the provider said it is exhausted d vkey inflight startedAt configured   a concurrency refusal
 *   i vkey configured         a success under a learned limit   q vkey limit loweredAt refusedAt        restores a learned limit
 *   k key n                   sets this instance's slots in flight (after a reconnect)
 *   m skey lat n ttft n fail n merges latency averages          h expiresAt        heartbeat, answers the live instances
 *   y ckey / z vkey / t skey  reads a circuit, a provider view, averages              E key candidate    the epoch
 * Every change others must see is published on the channel as JSON.
 */

/** The prelude both scripts share: arguments, constants, and the helpers both need. */
const PRELUDE = String.raw`
local CHANNEL, INSTANCES, now, me = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local DAY = 86400000
local LEARNED_TTL = 300000
local UNDERSCORE = 95
local sec = math.floor(now / 1000)

local function num(v, default) local n = tonumber(v); if n == nil then return default end; return n end

-- Per-minute windows: fields are seconds, _t the total, _o the oldest second held. Returns the total and the oldest.
local function win_used(key)
  local meta = redis.call('HMGET', key, '_t', '_o')
  local t, o = num(meta[1], 0), tonumber(meta[2])
  local cutoff = sec - 60
  if o == nil or o >= cutoff then return t, o end
  local all = redis.call('HGETALL', key)
  t = 0
  local oldest = nil
  for j = 1, #all, 2 do
    local f = all[j]
    if string.byte(f, 1) ~= UNDERSCORE then
      local s = tonumber(f)
      if s < cutoff then redis.call('HDEL', key, f)
      else
        t = t + tonumber(all[j + 1])
        if oldest == nil or s < oldest then oldest = s end
      end
    end
  end
  if oldest == nil then redis.call('DEL', key) else redis.call('HSET', key, '_t', t, '_o', oldest) end
  return t, oldest
end

-- Adds to a second's bucket; o is the oldest second held (from win_used). The key lives as long as its newest bucket.
local function win_add(key, second, amount, o)
  if redis.call('HINCRBY', key, second, amount) == amount then redis.call('PEXPIRE', key, 62000) end
  redis.call('HINCRBY', key, '_t', amount)
  if o == nil or second < o then redis.call('HSET', key, '_o', second) end
end

-- Slots in flight: one field per instance, _t the total, _k when dead instances were last looked for.
local function conc_total(key)
  local meta = redis.call('HMGET', key, '_t', '_k')
  local t, k = num(meta[1], 0), num(meta[2], 0)
  if t > 0 and now - k >= 2000 then
    local all = redis.call('HGETALL', key)
    t = 0
    for j = 1, #all, 2 do
      local f = all[j]
      if string.byte(f, 1) ~= UNDERSCORE then
        local alive = f == me or num(redis.call('ZSCORE', INSTANCES, f), 0) >= now
        if alive then t = t + math.max(0, tonumber(all[j + 1])) else redis.call('HDEL', key, f) end
      end
    end
    redis.call('HSET', key, '_t', t, '_k', now)
  end
  return t
end

-- The concurrency learned from refusals, in the provider view's hash: lim, sc (successes), la (lowered at), rf (in
-- flight at the last refusal).
local function learned(vkey)
  local v = redis.call('HMGET', vkey, 'lim', 'sc', 'la', 'rf')
  local lim = tonumber(v[1])
  if lim == nil then return nil end
  if now - num(v[3], 0) >= LEARNED_TTL then
    redis.call('HDEL', vkey, 'lim', 'sc', 'la', 'rf')
    redis.call('PUBLISH', CHANNEL, cjson.encode({ t = 'l', k = vkey, i = me }))
    return nil
  end
  return lim, num(v[2], 0), num(v[3], 0), tonumber(v[4])
end
`;

/**
 * Attempts' admissions: each one's limits and budget reservations, checked together and taken all or none. Several
 * attempts' admissions (separated by `|`) go in one call, one answer each: `[status, index, wait, results]`.
 */
export const ADMIT_SCRIPT = String.raw`${PRELUDE}
local function conc_take(key)
  if redis.call('HINCRBY', key, me, 1) == 1 then redis.call('PEXPIRE', key, DAY) end
  redis.call('HINCRBY', key, '_t', 1)
end

-- A budget period's spend and open reservations (dropping reservations older than 15 minutes): false when missing.
local function budget(key)
  local all = redis.call('HGETALL', key)
  local oldest = math.floor(now / 60000) - 15
  local spent = false
  local reserved = 0
  for j = 1, #all, 2 do
    local f = all[j]
    if f == 's' then spent = tonumber(all[j + 1])
    elseif tonumber(string.sub(f, 3)) < oldest then redis.call('HDEL', key, f)
    else reserved = reserved + tonumber(all[j + 1]) end
  end
  return spent, reserved
end

-- One attempt's admission: the operations in ARGV[from .. to - 1], checked, then taken only if none is blocked.
local function admit(from, to)
  local out, apply = {}, {}
  local blocked, wait, init = 0, -1, 0
  local at, index = from, 0
  while at < to do
    local code = ARGV[at]
    index = index + 1
    if code == 'W' then
      local key, limit, amount = ARGV[at + 1], tonumber(ARGV[at + 2]), tonumber(ARGV[at + 3])
      local used, oldest = win_used(key)
      out[index] = used
      apply[index] = oldest or false
      if blocked == 0 and used + amount > limit then
        blocked = index
        if amount > limit then wait = -2
        else
          -- How long until enough of the oldest buckets leave the window.
          local excess = used + amount - limit
          local all = redis.call('HGETALL', key)
          local buckets = {}
          for j = 1, #all, 2 do
            if string.byte(all[j], 1) ~= UNDERSCORE then buckets[#buckets + 1] = { tonumber(all[j]), tonumber(all[j + 1]) } end
          end
          table.sort(buckets, function(x, y) return x[1] < y[1] end)
          wait = 60000
          for _, bucket in ipairs(buckets) do
            excess = excess - bucket[2]
            if excess <= 0 then wait = (bucket[1] + 61) * 1000 - now; break end
          end
        end
      end
      at = at + 4
    elseif code == 'C' then
      local total = conc_total(ARGV[at + 1])
      out[index] = total
      if blocked == 0 and total >= tonumber(ARGV[at + 2]) then blocked = index end
      at = at + 3
    elseif code == 'L' then
      local lim = learned(ARGV[at + 1])
      local total = 0
      if lim ~= nil then total = conc_total(ARGV[at + 1] .. '#n') end
      out[index] = { lim or false, total }
      apply[index] = lim ~= nil
      if blocked == 0 and lim ~= nil and total >= lim then blocked = index end
      at = at + 2
    elseif code == 'B' then
      local key, limit, amount, hard, init_value = ARGV[at + 1], tonumber(ARGV[at + 2]), tonumber(ARGV[at + 3]), ARGV[at + 4], ARGV[at + 7]
      local spent, reserved = budget(key)
      if spent == false and init_value ~= '' then
        redis.call('HSETNX', key, 's', init_value)
        redis.call('PEXPIREAT', key, tonumber(ARGV[at + 5]))
        spent, reserved = budget(key)
      end
      if spent == false then
        if init == 0 then init = index end
        out[index] = false
      else
        out[index] = { spent, reserved }
        if blocked == 0 and hard == '1' and amount > 0 and spent + reserved + amount > limit then blocked = index end
      end
      at = at + 8
    else
      error('switchyard admission script: unknown operation ' .. tostring(code))
    end
  end

  if init == 0 and blocked == 0 then
    at, index = from, 0
    while at < to do
      local code = ARGV[at]
      index = index + 1
      if code == 'W' then
        win_add(ARGV[at + 1], sec, tonumber(ARGV[at + 3]), apply[index] or nil)
        at = at + 4
      elseif code == 'C' then
        conc_take(ARGV[at + 1])
        at = at + 3
      elseif code == 'L' then
        if apply[index] then conc_take(ARGV[at + 1] .. '#n') end
        at = at + 2
      else
        local amount = tonumber(ARGV[at + 3])
        if amount > 0 then redis.call('HINCRBY', ARGV[at + 1], 'r:' .. ARGV[at + 6], amount) end
        at = at + 8
      end
    end
  end
  return { init > 0 and 'init' or (blocked > 0 and 'blocked' or 'ok'), init > 0 and init or blocked, wait, out }
end

-- The admissions of several attempts, separated by '|': each all or none, and one answer each.
local answers = {}
local from = 6
for at = 6, #ARGV + 1 do
  if at > #ARGV or ARGV[at] == '|' then
    answers[#answers + 1] = admit(from, at)
    from = at + 1
  end
end
return answers
`;

/** Settlements, circuit and signal changes, averages, heartbeats and reads: batched off the request path. */
export const STATE_SCRIPT = String.raw`${PRELUDE}
local ARITY = { w = 3, v = 3, c = 1, l = 1, b = 4, a = 2, f = 3, s = 1, x = 2, o = 3, p = 2, n = 1,
  e = 3, d = 4, i = 2, q = 4, k = 2, m = 7, h = 1, y = 1, z = 1, t = 1, E = 2 }

local PROBE_ROUNDS = 8

local function publish(msg) redis.call('PUBLISH', CHANNEL, cjson.encode(msg)) end
local function conc_release(key)
  local n = redis.call('HINCRBY', key, me, -1)
  if n < 0 then redis.call('HDEL', key, me); return end
  if n == 0 then redis.call('HDEL', key, me) end
  if redis.call('HINCRBY', key, '_t', -1) < 0 then redis.call('HSET', key, '_t', 0) end
end

local function conc_set(key, n)
  local old = num(redis.call('HGET', key, me), 0)
  if n > 0 then redis.call('HSET', key, me, n) else redis.call('HDEL', key, me) end
  if redis.call('HINCRBY', key, '_t', n - math.max(0, old)) < 0 then redis.call('HSET', key, '_t', 0) end
  redis.call('PEXPIRE', key, DAY)
end

local function circuit(ckey)
  return redis.call('HMGET', ckey, 'o', 'r', 'why', 'f', 'pb', 'pu')
end

local function open_circuit(ckey, retry_at, why, failures)
  redis.call('HSET', ckey, 'o', 1, 'r', retry_at, 'why', why)
  redis.call('HDEL', ckey, 'pb', 'pu')
  redis.call('PEXPIRE', ckey, DAY)
  publish({ t = 'o', k = ckey, r = retry_at, why = why, f = failures, i = me })
end

-- Decode the operations.
local ops = {}
local at = 6
while at <= #ARGV do
  local code = ARGV[at]
  local arity = ARITY[code]
  if arity == nil then return redis.error_reply('switchyard state script: unknown operation ' .. tostring(code)) end
  ops[#ops + 1] = { code, at + 1 }
  at = at + 1 + arity
end

local out = {}

for index, op in ipairs(ops) do
  local code, a = op[1], op[2]
  local result = 1
  if code == 'w' then
    local key, second, delta = ARGV[a], tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
    local current = tonumber(redis.call('HGET', key, second))
    if current ~= nil and second >= sec - 60 then
      local next = math.max(0, current + delta)
      redis.call('HSET', key, second, next)
      if redis.call('HINCRBY', key, '_t', next - current) < 0 then redis.call('HSET', key, '_t', 0) end
    end
  elseif code == 'v' then
    local key, second = ARGV[a], tonumber(ARGV[a + 1])
    if second >= sec - 60 then
      local _, oldest = win_used(key)
      win_add(key, second, tonumber(ARGV[a + 2]), oldest)
    end
  elseif code == 'c' then conc_release(ARGV[a])
  elseif code == 'l' then conc_release(ARGV[a] .. '#n')
  elseif code == 'b' then
    local key, field, amount, actual = ARGV[a], 'r:' .. ARGV[a + 1], tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
    -- A reservation already dropped (after 15 minutes) goes below zero and is deleted at once.
    if amount > 0 and redis.call('HINCRBY', key, field, -amount) <= 0 then redis.call('HDEL', key, field) end
    -- A period lost with Redis's data is loaded again from the ledger, which holds this spend.
    if actual > 0 and redis.call('HEXISTS', key, 's') == 1 then redis.call('HINCRBY', key, 's', actual) end
  elseif code == 'a' then
    if redis.call('HEXISTS', ARGV[a], 's') == 1 then redis.call('HINCRBY', ARGV[a], 's', tonumber(ARGV[a + 1])) end
  elseif code == 'f' then
    local ckey, threshold, cooldown = ARGV[a], tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
    local c = circuit(ckey)
    if c[1] == '1' then
      result = { 1, num(c[4], 0), num(c[2], 0) }
    else
      local failures = redis.call('HINCRBY', ckey, 'f', 1)
      redis.call('PEXPIRE', ckey, DAY)
      if failures >= threshold then
        local why = failures .. ' consecutive failures across the fleet'
        open_circuit(ckey, now + cooldown, why, failures)
        result = { 1, failures, now + cooldown }
      else
        publish({ t = 'f', k = ckey, f = failures, i = me })
        result = { 0, failures, 0 }
      end
    end
  elseif code == 's' then
    local c = circuit(ARGV[a])
    if c[1] ~= '1' and num(c[4], 0) > 0 then
      redis.call('HSET', ARGV[a], 'f', 0)
      publish({ t = 'f', k = ARGV[a], f = 0, i = me })
    end
  elseif code == 'x' then
    local c = circuit(ARGV[a])
    if c[1] == '1' then
      redis.call('HSET', ARGV[a], 'o', 0, 'f', 0)
      redis.call('HDEL', ARGV[a], 'pb', 'pu', 'r', 'why')
      publish({ t = 'c', k = ARGV[a], why = ARGV[a + 1], i = me })
    end
  elseif code == 'o' then
    local ckey, retry_at, why = ARGV[a], tonumber(ARGV[a + 1]), ARGV[a + 2]
    local c = circuit(ckey)
    if c[1] ~= '1' or num(c[2], 0) < retry_at or c[5] ~= false then open_circuit(ckey, retry_at, why, num(c[4], 0)) end
  elseif code == 'p' then
    local ckey, lease = ARGV[a], tonumber(ARGV[a + 1])
    local c = circuit(ckey)
    if c[1] ~= '1' then result = 2
    elseif now < num(c[2], 0) then result = 0
    elseif c[5] ~= false and c[5] ~= me and num(c[6], 0) > now then result = 0
    else
      redis.call('HSET', ckey, 'pb', me, 'pu', now + lease)
      publish({ t = 'p', k = ckey, i = me })
      result = 1
    end
  elseif code == 'n' then
    if redis.call('HGET', ARGV[a], 'pb') == me then
      redis.call('HDEL', ARGV[a], 'pb', 'pu')
      publish({ t = 'n', k = ARGV[a], i = me })
    end
  elseif code == 'e' then
    local vkey, until_at, by = ARGV[a], tonumber(ARGV[a + 1]), ARGV[a + 2]
    if num(redis.call('HGET', vkey, 'u'), 0) < until_at then
      redis.call('HSET', vkey, 'u', until_at, 'by', by)
      redis.call('PEXPIRE', vkey, DAY)
      publish({ t = 'e', k = vkey, u = until_at, by = by, i = me })
    end
  elseif code == 'd' then
    local vkey, estimate, started_at = ARGV[a], tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
    local lim, _, lowered = learned(vkey)
    if lim ~= nil and started_at < lowered then
      result = lim
    else
      local inflight = estimate
      if lim ~= nil then inflight = math.min(lim, conc_total(vkey .. '#n')) end
      local next = math.max(1, math.floor(inflight * 0.75))
      redis.call('HSET', vkey, 'lim', next, 'sc', 0, 'la', now, 'rf', inflight)
      redis.call('PEXPIRE', vkey, DAY)
      publish({ t = 'l', k = vkey, lim = next, la = now, rf = inflight, i = me })
      result = next
    end
  elseif code == 'i' then
    local vkey, configured = ARGV[a], tonumber(ARGV[a + 1])
    local lim, successes, lowered, refused = learned(vkey)
    if lim ~= nil then
      successes = successes + 1
      -- Back up to the concurrency that was refused: PROBE_ROUNDS rounds of successes first (see learned-concurrency.ts).
      local needed = lim
      if refused ~= nil and lim + 1 >= refused then needed = lim * PROBE_ROUNDS end
      if successes < needed then
        redis.call('HSET', vkey, 'sc', successes)
      elseif configured > 0 and lim + 1 >= configured then
        redis.call('HDEL', vkey, 'lim', 'sc', 'la', 'rf')
        publish({ t = 'l', k = vkey, i = me })
      else
        redis.call('HSET', vkey, 'lim', lim + 1, 'sc', 0)
        publish({ t = 'l', k = vkey, lim = lim + 1, la = lowered, rf = refused, i = me })
      end
    end
  elseif code == 'q' then
    local vkey, lim, lowered, refused = ARGV[a], tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
    if learned(vkey) == nil and now - lowered < LEARNED_TTL then
      redis.call('HSET', vkey, 'lim', lim, 'sc', 0, 'la', lowered)
      if refused ~= nil then redis.call('HSET', vkey, 'rf', refused) end
      redis.call('PEXPIRE', vkey, DAY)
      publish({ t = 'l', k = vkey, lim = lim, la = lowered, rf = refused, i = me })
    end
  elseif code == 'k' then conc_set(ARGV[a], tonumber(ARGV[a + 1]))
  elseif code == 'm' then
    local skey = ARGV[a]
    local current = redis.call('HMGET', skey, 'lat', 'ttft', 'fail')
    local fields = { 'lat', 'ttft', 'fail' }
    result = {}
    for j = 1, 3 do
      local sum, n = tonumber(ARGV[a + 2 * j - 1]), tonumber(ARGV[a + 2 * j])
      local value = tonumber(current[j])
      if n > 0 then
        local mean = sum / n
        if value == nil then value = mean else value = mean + (value - mean) * math.pow(0.7, n) end
        redis.call('HSET', skey, fields[j], tostring(value))
      end
      result[j] = value and tostring(value) or false
    end
    redis.call('PEXPIRE', skey, DAY)
  elseif code == 'h' then
    redis.call('ZADD', INSTANCES, tonumber(ARGV[a]), me)
    redis.call('ZREMRANGEBYSCORE', INSTANCES, '-inf', now - 60000)
    redis.call('PEXPIRE', INSTANCES, DAY)
    result = redis.call('ZCOUNT', INSTANCES, now, '+inf')
  elseif code == 'y' then
    result = circuit(ARGV[a])
  elseif code == 'z' then
    result = redis.call('HMGET', ARGV[a], 'u', 'by', 'lim', 'la', 'rf')
  elseif code == 't' then
    result = redis.call('HMGET', ARGV[a], 'lat', 'ttft', 'fail')
  elseif code == 'E' then
    local key = ARGV[a]
    local epoch = redis.call('GET', key)
    if epoch == false then
      redis.call('SET', key, ARGV[a + 1])
      epoch = ARGV[a + 1]
    end
    result = epoch
  end
  out[index] = result
end
return out
`;
