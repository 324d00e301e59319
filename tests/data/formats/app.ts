<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>NewsWindow</name>
    <message>
        <location filename="newswindow.cpp" line="42"/>
        <source>打开文章</source>
        <translation>Open article</translation>
    </message>
    <message numerus="yes">
        <location filename="newswindow.cpp" line="57"/>
        <source>已找到 %n 个问题</source>
        <translation>
            <numerusform>%n issue found</numerusform>
            <numerusform>%n issues founds</numerusform>
        </translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>旧菜单</source>
        <translation type="obsolete">Old menu</translation>
    </message>
</context>
</TS>
