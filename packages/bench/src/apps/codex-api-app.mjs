// TODO(@codex/api) HOOK 3 — the same application written with @codex/api: stream one Responses
// turn (API key from OPENAI_API_KEY, base URL from OPENAI_BASE_URL) and write each
// `output_text_delta` to stdout. Then set `ready: true` for `codex-api` in ../startup.mjs.
throw new Error('not yet available');
