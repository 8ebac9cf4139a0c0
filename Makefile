# Entry points. Each installs what is missing first (scripts/setup.sh), never prompts.
.PHONY: serve test build bench setup

serve: ## install what is missing, then trunk serve on http://127.0.0.1:8080/
	scripts/serve.sh

test: ## install what is missing, then run every test layer
	scripts/test.sh

build: ## release build of the static site into dist/
	scripts/setup.sh serve
	scripts/build.sh

bench: ## benchmark figures (transfer size of dist/, ...)
	scripts/bench.sh

setup: ## only install what is missing
	scripts/setup.sh test
