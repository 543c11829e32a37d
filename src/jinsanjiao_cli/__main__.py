from jinsanjiao_cli.cli import main

main()
