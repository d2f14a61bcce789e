nvflare --version
