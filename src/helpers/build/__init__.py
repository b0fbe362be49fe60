"""Running and publishing: the papermill runner, the fallback renderer, the colophon, env sync."""
