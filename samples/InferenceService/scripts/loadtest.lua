-- wrk script for loadtest.sh: every request POSTs the same Fashion-MNIST test image as JSON pixels.
-- The body file is read once per wrk thread; BODY names it.
local file = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
wrk.headers["Content-Type"] = "application/json"
file:close()
