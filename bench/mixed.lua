-- wrk script: each request takes the next path from the list given after `--`,
-- so one run mixes the pages the way visitors do.
local paths = {}
local i = 0

function init(args)
  for _, p in ipairs(args) do table.insert(paths, p) end
end

function request()
  i = (i % #paths) + 1
  return wrk.format("GET", paths[i])
end
