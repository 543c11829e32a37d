from jinsanjiao_cli.cli.app import main

main()
